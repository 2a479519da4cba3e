package org.momentumlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.CensoredStats;
import org.momentumlab.experiment.rundir.Summary;

/**
 * Aggregation over the finished runs of a sweep: final metrics grouped by any spec fields (read from
 * each run's resolved spec.yaml) and the run label (e.g. the optimizer), with mean, sample std, min, max and count over
 * seeds; a pivot table (rows × columns, cells "optimizer A / optimizer B" as mean ± std, the layout
 * of Jelassi &amp; Li's Table 1) and its grouped-bar figure.
 */
public final class SweepReport {
    private SweepReport() {
    }

    /** One run's final values: the spec fields asked for, the run's label (its id, e.g. the optimizer), seed and final metrics. */
    public record Row(Map<String, String> fields, String label, long seed, Map<String, Double> finals) {
    }

    /** A group's statistics and final values per metric, over {@code runs} runs of {@code seeds} distinct seeds. */
    public record Group(Map<String, String> fields, String label, Map<String, Summary.Stats> stats, Map<String, double[]> values,
                        int runs, int seeds) {
        /** Whether runs of other grid values were pooled into this group (more runs than seeds). */
        public boolean pooled() {
            return runs > seeds;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** The groups at their best value of one field, and the table of what was picked (header first). */
    public record Best(List<Group> groups, List<String[]> table) {
    }

    /**
     * For every label and every value of the other fields, the group whose value of {@code key} has
     * the highest ({@code higher}) or lowest mean {@code metric}, without {@code key} among its fields
     * (Jelassi &amp; Li's protocol: the best learning rate per algorithm). Groups without a finite mean
     * are never picked; ties go to the first in order.
     */
    /** Whether a larger value of {@code metric} is better (accuracies), or smaller (losses, errors, norms). */
    public static boolean higherIsBetter(String metric) {
        return !metric.contains("loss") && !metric.contains("error") && !metric.contains("norm");
    }

    public static Best best(List<Group> groups, String key, String metric, boolean higher) {
        return best(groups, List.of(key), metric, higher);
    }

    /** As above over several fields at once (e.g. learning rate and weight decay): the best combination of their values. */
    public static Best best(List<Group> groups, List<String> keys, String metric, boolean higher) {
        Map<List<Object>, Group> picked = new LinkedHashMap<>();
        Map<List<Object>, List<String>> value = new LinkedHashMap<>();
        Map<List<Object>, Integer> tried = new LinkedHashMap<>();
        for (Group g : groups) {
            Map<String, String> rest = new LinkedHashMap<>(g.fields());
            keys.forEach(rest::remove);
            List<Object> id = List.of(rest, g.label());
            tried.merge(id, 1, Integer::sum);
            Summary.Stats s = g.stats().get(metric);
            if (s == null || s.count() == 0 || !Double.isFinite(s.mean())) {
                continue;
            }
            Group cur = picked.get(id);
            double best = cur == null ? Double.NaN : cur.stats().get(metric).mean();
            if (cur == null || (higher ? s.mean() > best : s.mean() < best)) {
                picked.put(id, new Group(rest, g.label(), g.stats(), g.values(), g.runs(), g.seeds()));
                value.put(id, keys.stream().map(g.fields()::get).toList());
            }
        }
        List<String[]> table = new ArrayList<>();
        List<String> fieldNames = picked.isEmpty() ? List.of() : new ArrayList<>(picked.values().iterator().next().fields().keySet());
        List<String> header = new ArrayList<>(fieldNames);
        header.add("label");
        header.addAll(keys);
        header.add(metric);
        header.add("of");
        table.add(header.toArray(String[]::new));
        picked.forEach((id, g) -> {
            List<String> row = new ArrayList<>();
            fieldNames.forEach(f -> row.add(g.fields().get(f)));
            row.add(g.label());
            row.addAll(value.get(id));
            row.add(Num.sig(g.stats().get(metric).mean(), 4));
            row.add(tried.get(id) + " values");
            table.add(row.toArray(String[]::new));
        });
        return new Best(new ArrayList<>(picked.values()), table);
    }

    /** Reads the rows of the given finished run directories, taking {@code keys} from their spec.yaml. */
    public static List<Row> rows(List<Path> runDirs, List<String> keys) throws IOException {
        List<Row> out = new ArrayList<>();
        for (Path d : runDirs) {
            SpecTree spec = SpecTree.load(d.resolve("spec.yaml"));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String k : keys) {
                JsonNode n = spec.root();
                for (String p : k.split("\\.")) {
                    n = n == null ? null : n.get(p);
                }
                if (n == null) {
                    throw new SpecException("--by " + k + ": no such field in " + d.resolve("spec.yaml"));
                }
                fields.put(k, n.isValueNode() ? (n.isDouble() ? Num.format(n.doubleValue()) : n.asText()) : n.toString());
            }
            JsonNode summary = JSON.readTree(d.resolve("summary.json").toFile());
            JsonNode names = spec.root().path("labels"); // display names of label values
            Map<String, String> shown = new java.util.HashMap<>();
            for (JsonNode r : summary.get("runs")) {
                Map<String, Double> finals = new LinkedHashMap<>();
                r.get("final").fields().forEachRemaining(e -> finals.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN));
                String key = r.has("label") ? r.get("label").asText() : r.get("optimizer").asText();
                String label = String.join("/", java.util.Arrays.stream(key.split("/", -1))
                        .map(v -> names.path(v).isValueNode() ? names.path(v).asText() : v).toList());
                String before = shown.putIfAbsent(label, key);
                if (before != null && !before.equals(key)) {
                    throw new SpecException(d.resolve("spec.yaml") + ": labels shows both " + before + " and " + key + " as " + label
                            + ": give each label its own display name");
                }
                out.add(new Row(fields, label, r.get("seed").asLong(), finals));
            }
        }
        return out;
    }

    /** Groups rows by their fields and label (first-appearance order) and computes stats per metric. */
    public static List<Group> aggregate(List<Row> rows) {
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(List.of(r.fields(), r.label()), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((k, list) -> {
            Set<String> metrics = new LinkedHashSet<>();
            list.forEach(r -> metrics.addAll(r.finals().keySet()));
            Map<String, Summary.Stats> stats = new LinkedHashMap<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            for (String m : metrics) {
                double[] v = list.stream().mapToDouble(r -> r.finals().getOrDefault(m, Double.NaN)).toArray();
                values.put(m, v);
                stats.put(m, Summary.Stats.of(v));
            }
            out.add(new Group(list.get(0).fields(), list.get(0).label(), stats, values, list.size(),
                    (int) list.stream().mapToLong(Row::seed).distinct().count()));
        });
        return out;
    }

    /**
     * aggregate.csv: the group fields, the label (e.g. optimizer), metric, mean, std, min, max and count
     * of the finite values, and the median: of the finite values, or for an event time ({@code events}
     * metrics) over all runs with the runs without the event counted as latest ({@code inf} when half or
     * more never saw it).
     */
    public static String csv(List<Group> groups, List<String> keys, String labelHeader, List<String> events) {
        StringBuilder b = new StringBuilder();
        keys.forEach(k -> b.append(quote(k)).append(','));
        b.append(quote(labelHeader)).append(",metric,mean,std,min,max,count,median\n");
        for (Group g : groups) {
            g.stats().forEach((m, s) -> {
                keys.forEach(k -> b.append(quote(g.fields().get(k))).append(','));
                double[] v = g.values().get(m);
                double median = events.contains(m) ? CensoredStats.of(v).median()
                        : CensoredStats.of(java.util.Arrays.stream(v).filter(Double::isFinite).toArray()).median();
                b.append(quote(g.label())).append(',').append(m).append(',').append(cell(s.mean())).append(',').append(cell(s.std()))
                        .append(',').append(cell(s.min())).append(',').append(cell(s.max())).append(',').append(s.count())
                        .append(',').append(median == Double.POSITIVE_INFINITY ? "inf" : cell(median)).append('\n');
            });
        }
        return b.toString();
    }

    /** An event time's cell: the censored median and how many runs saw the event, e.g. {@code 3.4e+05 (90/100)}. */
    static String formatEvents(double[] values) {
        if (values == null) {
            return "-";
        }
        CensoredStats c = CensoredStats.of(values);
        String m = c.median() == Double.POSITIVE_INFINITY ? "not reached" : Num.sig(c.median(), 3);
        return m + " (" + c.observed() + "/" + c.count() + ")";
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (e.g. a list-valued grid field). */
    static String quote(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** "mean ± std" of a metric, in percent when {@code pct}. */
    public static String format(Summary.Stats s, boolean pct) {
        if (s == null || s.count() == 0) {
            return "-";
        }
        if (s.count() == 1) {
            return pct ? String.format(Locale.ROOT, "%.2f", 100 * s.mean()) : Num.sig(s.mean(), 4);
        }
        return pct ? String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.std())
                : Num.sig(s.mean(), 4) + " ± " + Num.sig(s.std(), 2);
    }

    /**
     * The pivot table: one row per value of {@code rowKey}, one column per value of {@code colKey}
     * (null: a single column), cells "A / B / ..." over the optimizers in order.
     */
    public static List<String[]> pivot(List<Group> groups, String rowKey, String colKey, String metric, boolean pct) {
        return pivot(groups, rowKey, colKey, metric, pct, false);
    }

    /** As above; an event time ({@code event}) shows its censored median and how many runs saw the event. */
    public static List<String[]> pivot(List<Group> groups, String rowKey, String colKey, String metric, boolean pct, boolean event) {
        Axes axes = Axes.of(groups, rowKey, colKey, metric);
        Set<String> rowVals = axes.rows();
        Set<String> colVals = axes.columns();
        Set<String> opts = axes.optimizers();
        List<String[]> table = new ArrayList<>();
        String[] header = new String[colVals.size() + 1];
        header[0] = rowKey + (colKey == null ? "" : " \\ " + colKey) + " (" + String.join(" / ", opts) + ")";
        int c = 1;
        for (String v : colVals) {
            header[c++] = v;
        }
        table.add(header);
        for (String rv : rowVals) {
            String[] row = new String[colVals.size() + 1];
            row[0] = rv;
            c = 1;
            for (String cv : colVals) {
                List<String> cells = new ArrayList<>();
                for (String o : opts) {
                    cells.add(event ? formatEvents(find(groups, o, rowKey, rv, colKey, cv).map(g -> g.values().get(metric)).orElse(null))
                            : format(lookup(groups, o, rowKey, rv, colKey, cv, metric), pct));
                }
                row[c++] = String.join(" / ", cells);
            }
            table.add(row);
        }
        return table;
    }

    /**
     * Grouped bars with ± std error bars: one panel per row value, categories = column values, one
     * series per optimizer. For an event time ({@code event}) the bars are censored medians without
     * error bars, and a median not reached is drawn as 0.
     */
    public static void writePivotFigure(List<Group> groups, String rowKey, String colKey, String metric, boolean pct, boolean event,
                                        Path figures, String name) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(figures);
        Axes axes = Axes.of(groups, rowKey, colKey, metric);
        Set<String> rowVals = axes.rows();
        Set<String> colVals = axes.columns();
        Set<String> opts = axes.optimizers();
        double scale = pct ? 100 : 1;
        List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = new ArrayList<>();
        for (String rv : rowVals) {
            CategoryChart ch = new CategoryChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                    .title(rowKey + " = " + rv).xAxisTitle(colKey == null ? "" : colKey)
                    .yAxisTitle(metric + (scale == 100 ? " (%)" : "") + (event ? " (median)" : "")).build();
            Fonts.style(ch.getStyler());
            ch.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            ch.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            ch.getStyler().setChartBackgroundColor(Color.WHITE);
            ch.getStyler().setPlotBackgroundColor(Color.WHITE);
            ch.getStyler().setErrorBarsColor(Color.BLACK);
            int k = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String o : opts) {
                List<String> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                List<Double> es = new ArrayList<>();
                for (String cv : colVals) {
                    Summary.Stats s = lookup(groups, o, rowKey, rv, colKey, cv, metric);
                    xs.add(cv);
                    if (event) {
                        double[] v = find(groups, o, rowKey, rv, colKey, cv).map(g -> g.values().get(metric)).orElse(null);
                        double med = v == null ? Double.NaN : CensoredStats.of(v).median();
                        ys.add(Double.isFinite(med) ? med : 0);
                        es.add(0.0);
                        continue;
                    }
                    ys.add(s == null || s.count() == 0 ? 0 : scale * s.mean());
                    es.add(s == null || s.count() == 0 ? 0 : scale * s.std());
                }
                ch.addSeries(o, xs, ys, es).setFillColor(FigureWriter.PALETTE[k++ % FigureWriter.PALETTE.length]);
                for (int i = 0; i < ys.size(); i++) {
                    lo = Math.min(lo, ys.get(i) - es.get(i));
                    hi = Math.max(hi, ys.get(i) + es.get(i));
                }
            }
            if (lo > 0 && hi > lo && hi - lo < 0.5 * hi) { // small gaps between large values: the axis starts near the data, not at 0
                double step = Math.pow(10, Math.floor(Math.log10(hi - lo)));
                ch.getStyler().setYAxisMin(Math.floor((lo - 0.1 * (hi - lo)) / step) * step);
                FigureWriter.note(ch, "bars: mean over seeds, whiskers ± one std; the value axis starts near the data, not at 0");
            } else {
                FigureWriter.note(ch, "bars: mean over seeds, whiskers ± one std");
            }
            charts.add(ch);
        }
        FigureWriter.writeGridOf(charts, Math.min(2, charts.size()), figures, name);
    }

    /** The values along the rows and columns of a pivot, and the optimizers, in first-appearance order. */
    private record Axes(Set<String> rows, Set<String> columns, Set<String> optimizers) {
        static Axes of(List<Group> groups, String rowKey, String colKey, String metric) {
            Axes a = new Axes(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
            for (Group g : groups) {
                a.rows.add(g.fields().get(rowKey));
                a.columns.add(colKey == null ? metric : g.fields().get(colKey));
                a.optimizers.add(g.label());
            }
            return a;
        }
    }

    /** The stats of {@code metric} in the group (optimizer, rowKey = rv, colKey = cv), or null. */
    private static Summary.Stats lookup(List<Group> groups, String optimizer, String rowKey, String rv, String colKey, String cv,
                                        String metric) {
        return find(groups, optimizer, rowKey, rv, colKey, cv).map(g -> g.stats().get(metric)).orElse(null);
    }

    /** The group (optimizer, rowKey = rv, colKey = cv). */
    private static java.util.Optional<Group> find(List<Group> groups, String optimizer, String rowKey, String rv, String colKey, String cv) {
        return groups.stream().filter(g -> g.label().equals(optimizer) && rv.equals(g.fields().get(rowKey))
                && (colKey == null || cv.equals(g.fields().get(colKey)))).findFirst();
    }
}
