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

    /**
     * What a column shows of the final values of its metric over a label's seeds. The censored
     * statistics read a run's value as an event time: finite when the event happened, NaN when the run
     * ended without it (see {@link org.momentumlab.experiment.rundir.CensoredStats}).
     */
    public enum Stat {
        /** mean ± sample std of the finite values. */
        MEAN_STD,
        /** the fraction of runs with a finite value (e.g. escaped): {@code k/n}. */
        FRACTION,
        /** the median over all runs, censored ones counted as later than every event, with its 95 % bootstrap interval. */
        MEDIAN_CI,
        /** the interquartile range [q1, q3] over all runs, censored ones counted as latest. */
        IQR,
        /** median / the first label's median, paired by seed, with its 95 % paired-bootstrap interval. */
        MEDIAN_RATIO
    }

    /** A table column: a statistic ({@link Stat}, default mean ± std) of the final value of {@code metric} over seeds. */
    public record Column(String metric, String header, Format format, Stat stat) {
        public Column {
            stat = stat == null ? Stat.MEAN_STD : stat;
        }

        public Column(String metric, String header, Format format) {
            this(metric, header, format, Stat.MEAN_STD);
        }

        public static Column percent(String metric, String header) {
            return new Column(metric, header, Format.PERCENT);
        }

        public static Column number(String metric, String header) {
            return new Column(metric, header, Format.NUMBER);
        }

        /** A column of {@code stat} over the event times in {@code metric}. */
        public static Column censored(String metric, String header, Stat stat) {
            return new Column(metric, header, Format.NUMBER, stat);
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

    /** How a panel over steps summarizes the seeds of a label. */
    public enum Style {
        /** the mean over seeds as a line, the min–max band shaded. */
        MEAN_MIN_MAX,
        /** the median over seeds as a line, the interquartile band shaded. */
        MEDIAN_IQR,
        /**
         * the empirical distribution of the final value of metric {@code x} over seeds: the fraction
         * of runs whose value is at most x (runs without a value, e.g. censored, never count, so the
         * curve ends at the fraction that has one).
         */
        ECDF,
        /**
         * one point per label: the final values of metrics {@code x} and {@code y} (labels without
         * both are left out), joined in increasing x; {@code legendMetric}, if set, is drawn the same
         * way as a dashed reference curve (e.g. a claimed value against the measured one).
         */
        FINALS
    }

    /**
     * One figure panel. With {@code x = "step"} each label is a line over steps (by {@code style}:
     * mean with a min–max band, or median with an interquartile band); with style {@link Style#ECDF}
     * each label is the distribution of the final values of metric {@code x}; with x another metric
     * each label's first seed is drawn as a curve of (x, y).
     *
     * @param file         file name (PNG and SVG) of the panel alone
     * @param splitBy      label fields that split the runs into one panel each (title gets their values)
     * @param legendMetric a metric whose final value is appended to each legend entry (e.g. the fitted slope), or empty
     * @param style        how seeds are summarized (default {@link Style#MEAN_MIN_MAX})
     */
    public record Panel(String file, String title, String x, String xLabel, String y, String yLabel, boolean logX,
                        boolean logY, List<String> splitBy, String legendMetric, Overlay overlay, Style style) {
        public Panel {
            splitBy = List.copyOf(splitBy);
            style = style == null ? Style.MEAN_MIN_MAX : style;
        }

        public Panel(String file, String title, String x, String xLabel, String y, String yLabel, boolean logX,
                     boolean logY, List<String> splitBy, String legendMetric, Overlay overlay) {
            this(file, title, x, xLabel, y, yLabel, logX, logY, splitBy, legendMetric, overlay, Style.MEAN_MIN_MAX);
        }

        /** {@code metric} over steps, mean and min–max band over seeds. */
        public static Panel overSteps(String file, String title, String metric, String yLabel, boolean logY) {
            return new Panel(file, title, "step", "step", metric, yLabel, false, logY, List.of(), "", Overlay.NONE);
        }

        /** The distribution over seeds of the final value of {@code metric} (e.g. an escape step), as an ECDF. */
        public static Panel ecdf(String file, String title, String metric, String xLabel, boolean logX) {
            return new Panel(file, title, metric, xLabel, "fraction", "fraction of runs", logX, false, List.of(), "", Overlay.NONE, Style.ECDF);
        }

        public Panel withLogX() {
            return new Panel(file, title, x, xLabel, y, yLabel, true, logY, splitBy, legendMetric, overlay, style);
        }

        public Panel withOverlay(Overlay o) {
            return new Panel(file, title, x, xLabel, y, yLabel, logX, logY, splitBy, legendMetric, o, style);
        }

        public Panel withStyle(Style s) {
            return new Panel(file, title, x, xLabel, y, yLabel, logX, logY, splitBy, legendMetric, overlay, s);
        }
    }
}
