package org.momentumlab.experiment;

import java.util.List;
import java.util.Locale;

/**
 * How a kind's results are shown, as data: the fields of its run labels, the columns of its table
 * (final values, mean ± std over seeds), and its figure panels. Written to each run directory
 * ({@code layout.json}), so reports draw from the directory alone and never guess from metric names.
 *
 * @param labelFields the fields of every run label, in column order (e.g. {@code optimizer})
 * @param columns     the table's metric columns; a run's summary holds the final value of every metric it recorded
 * @param panels      the figure panels, each drawn alone and in the combined grid
 * @param grid        file name of the combined figure (e.g. {@code figure3}), or empty for none
 */
public record ResultLayout(List<String> labelFields, List<Column> columns, List<Panel> panels, String grid) {

    public ResultLayout {
        labelFields = List.copyOf(labelFields);
        columns = List.copyOf(columns);
        panels = List.copyOf(panels);
    }

    /** How a final value is printed. */
    public enum Format {
        /** a fraction shown as a percentage, mean ± std. */
        PERCENT,
        /** four significant digits, ± two. */
        NUMBER
    }

    /** A table column: the final value of {@code metric} over seeds. */
    public record Column(String metric, String header, Format format) {
        public static Column percent(String metric, String header) {
            return new Column(metric, header, Format.PERCENT);
        }

        public static Column number(String metric, String header) {
            return new Column(metric, header, Format.NUMBER);
        }

        /** One value as this column prints it. */
        public String format(double v) {
            if (!Double.isFinite(v)) {
                return "-";
            }
            return format == Format.PERCENT ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : Num.sig(v, 4);
        }

        /** Mean ± std as this column prints it. */
        public String format(double mean, double std) {
            if (!Double.isFinite(mean)) {
                return "-";
            }
            return format == Format.PERCENT ? String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * std)
                    : Num.sig(mean, 4) + " ± " + Num.sig(std, 2);
        }
    }

    /** What a panel draws over its curves besides the data. */
    public enum Overlay {
        NONE,
        /** dashed horizontal lines at each label's {@code stability_limit} metric. */
        STABILITY_LIMIT,
        /** the curve x·y = c through the runs' end points (the minima of Ghosh et al.'s toy). */
        PRODUCT_CURVE
    }

    /**
     * One figure panel. With {@code x = "step"} each label is a line (mean over seeds) with a
     * min–max band; with x another metric each label's first seed is drawn as a curve of (x, y).
     *
     * @param file         file name (PNG and SVG) of the panel alone
     * @param splitBy      label fields that split the runs into one panel each (title gets their values)
     * @param legendMetric a metric whose final value is appended to each legend entry (e.g. the fitted slope), or empty
     */
    public record Panel(String file, String title, String x, String xLabel, String y, String yLabel, boolean logX,
                        boolean logY, List<String> splitBy, String legendMetric, Overlay overlay) {
        public Panel {
            splitBy = List.copyOf(splitBy);
        }

        /** {@code metric} over steps, mean and min–max band over seeds. */
        public static Panel overSteps(String file, String title, String metric, String yLabel, boolean logY) {
            return new Panel(file, title, "step", "step", metric, yLabel, false, logY, List.of(), "", Overlay.NONE);
        }

        public Panel withLogX() {
            return new Panel(file, title, x, xLabel, y, yLabel, true, logY, splitBy, legendMetric, overlay);
        }

        public Panel withOverlay(Overlay o) {
            return new Panel(file, title, x, xLabel, y, yLabel, logX, logY, splitBy, legendMetric, o);
        }
    }
}
