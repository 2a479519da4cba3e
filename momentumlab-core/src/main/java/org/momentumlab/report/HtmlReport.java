package org.momentumlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.experiment.rundir.Summary;

/**
 * {@code report.html}: one self-contained interactive page per run directory, per sweep directory
 * and per comparison, drawn from the directories' files only. The page carries its data (JSON) and
 * its code: Apache ECharts (the {@code org.webjars.npm:echarts} artifact's bundled file) and the
 * data, both gzip-compressed in base64 (the browser inflates them: about 0.4 MB for the library
 * instead of 1 MB), and MomentumLab's page script; a Content-Security-Policy forbids every network
 * request, so it opens from disk, mailed or attached to a supplement, exactly as written.
 *
 * <p>Curves are decimated for display (never in the files): a curve longer than
 * {@value #BAND_POINTS} points (a seed's curve: {@value #SEED_POINTS}) keeps, in each of a fixed
 * number of step buckets, its first and last points and every array's smallest and largest value,
 * so spikes and extremes survive; values keep 6 significant digits. metrics.csv has every value.
 */
public final class HtmlReport {
    /** The page's file name in a run, sweep or comparison directory. */
    public static final String FILE = "report.html";
    static final int BAND_POINTS = 300;
    static final int SEED_POINTS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext DIGITS = new MathContext(6);
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2"};

    private HtmlReport() {
    }

    // ---------------------------------------------------------------- run page

    /** Writes {@code report.html} of a run directory (from its files, as read into {@code record}); returns its path. */
    public static Path writeRun(RunRecord record) throws IOException {
        ObjectNode data = header("run", record);
        List<RunSeries> runs = record.runs();
        Map<String, String> colors = colors(runs.stream().map(r -> r.label().display(List.of())).toList());
        ArrayNode figures = data.putArray("figures");
        for (ResultLayout.Panel p : record.layout().panels()) {
            RunFigures.split(runs, p.splitBy()).forEach((split, group) -> {
                Map<String, List<RunSeries>> byName = RunFigures.byName(group, p.splitBy());
                String title = split.isEmpty() ? p.title() : p.title() + ": " + split;
                ObjectNode c = panelChart(p, title, byName, colors(byName, p.splitBy(), colors));
                if (c != null) {
                    c.put("figure", p.file());
                    figures.add(c);
                }
            });
        }
        ObjectNode metrics = data.putObject("metrics");
        Map<String, List<RunSeries>> byName = RunFigures.byName(runs, List.of());
        for (String m : metricNames(runs)) {
            ObjectNode c = bandChart(m, "step", m, false, false, false, byName, m, colors);
            if (c != null) {
                metrics.set(m, c);
            }
        }
        data.set("table", table(RunTable.rows(record.layout(), runs)));
        data.put("spec", record.spec().toYaml());
        data.put("provenance", read(record.dir().resolve(RunDirectory.PROVENANCE)));
        data.set("links", links(record.dir()));
        return write(record.dir().resolve(FILE), data);
    }

    private static ObjectNode header(String page, RunRecord record) {
        ObjectNode data = JSON.createObjectNode();
        data.put("page", page);
        var root = record.spec().root();
        data.put("title", root.path("name").asText(record.dir().getFileName().toString()));
        data.put("experiment", root.path("experiment").asText(""));
        data.put("description", root.path("description").asText(""));
        data.set("claims", claims(record.dir().resolve(RunDirectory.SUMMARY)));
        data.put("paper", root.path("sources").path("paper").asText(""));
        if (!record.complete()) {
            data.put("incomplete", record.incompleteReason());
        }
        return data;
    }

    /** Every metric of the runs, in order of first appearance. */
    static List<String> metricNames(List<RunSeries> runs) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.metrics().metrics()));
        return new ArrayList<>(names);
    }

    /** One colour per label (its legend name), in order of first appearance: the same label has the same colour in every chart. */
    static Map<String, String> colors(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.computeIfAbsent(n, k -> PALETTE[out.size() % PALETTE.length]);
        }
        return out;
    }

    /** The colours of a split panel's legend names: each takes the colour of its runs' full label. */
    private static Map<String, String> colors(Map<String, List<RunSeries>> byName, List<String> split, Map<String, String> full) {
        if (split.isEmpty()) {
            return full;
        }
        Map<String, String> out = new LinkedHashMap<>();
        byName.forEach((name, list) -> out.put(name, full.get(list.get(0).label().display(List.of()))));
        return out;
    }

    /** The chart of one layout panel (null when its runs have none of its data). */
    static ObjectNode panelChart(ResultLayout.Panel p, String title, Map<String, List<RunSeries>> byName, Map<String, String> colors) {
        if (p.style() == ResultLayout.Style.ECDF) {
            if (!EcdfChart.hasData(p, byName)) {
                return null;
            }
            ObjectNode c = chart(title, p.xLabel(), p.yLabel(), p.logX(), false);
            c.put("caption", "the fraction of runs whose final " + p.x() + " is at most x; runs without a value (the event never happened) never step");
            ArrayNode series = c.putArray("series");
            byName.forEach((name, list) -> {
                double[][] pts = EcdfChart.steps(list, p.x(), p.logX());
                if (pts[0].length > 0) {
                    long seen = Math.round(pts[1][pts[1].length - 1] * list.size());
                    series.add(line(name + " " + seen + "/" + list.size(), colors.get(name), pts[0], pts[1]));
                }
            });
            return c;
        }
        if (p.style() == ResultLayout.Style.FINALS) {
            if (!FinalsChart.hasData(p, byName)) {
                return null;
            }
            double[][] pts = FinalsChart.points(p, byName);
            ObjectNode c = chart(title, p.xLabel(), p.yLabel(), p.logX(), p.logY());
            c.put("caption", "one point per label: its final " + p.y() + " against its final " + p.x()
                    + (p.legendMetric().isEmpty() ? "" : "; black: " + p.legendMetric()));
            ArrayNode series = c.putArray("series");
            ObjectNode m = line("measured " + p.y(), PALETTE[0], pts[0], pts[1]);
            m.put("markers", true);
            series.add(m);
            if (java.util.Arrays.stream(pts[2]).allMatch(Double::isFinite)) {
                series.add(line(p.legendMetric(), "#000000", pts[0], pts[2]));
            }
            return c;
        }
        if (p.x().equals("step")) {
            ObjectNode c = bandChart(title, p.xLabel(), p.yLabel(), p.logX(), p.logY(), p.style() == ResultLayout.Style.MEDIAN_IQR, byName, p.y(), colors);
            if (c != null && p.overlay() == ResultLayout.Overlay.STABILITY_LIMIT) {
                ArrayNode series = (ArrayNode) c.get("series");
                byName.forEach((name, list) -> {
                    double lim = list.get(0).metrics().has(FigureWriter.STABILITY_LIMIT)
                            ? Summary.finalValue(list.get(0).metrics(), FigureWriter.STABILITY_LIMIT) : Double.NaN;
                    if (Double.isFinite(lim)) {
                        ObjectNode h = series.addObject();
                        h.put("name", name);
                        h.put("color", colors.get(name));
                        h.put("hline", round(lim));
                    }
                });
                c.put("caption", c.get("caption").asText() + "; dashed: each label's stability limit");
            }
            return c;
        }
        if (!ParametricChart.hasData(p, byName)) {
            return null;
        }
        ObjectNode c = chart(title, p.xLabel(), p.yLabel(), p.logX(), p.logY());
        c.put("caption", "each label's first seed, " + p.y() + " against " + p.x()
                + (p.overlay() == ResultLayout.Overlay.PRODUCT_CURVE ? "; dashed: the minima " + p.x() + "·" + p.y() + " = c through the end points" : ""));
        ArrayNode series = c.putArray("series");
        double[][] curve = p.overlay() == ResultLayout.Overlay.PRODUCT_CURVE ? ParametricChart.productCurve(p, byName) : null;
        if (curve != null) {
            ObjectNode cs = line(String.format(java.util.Locale.ROOT, "%s·%s = %.3g", p.x(), p.y(), curve[2][0]), "#777777", curve[0], curve[1]);
            cs.put("dashed", true);
            series.add(cs);
        }
        byName.forEach((name, list) -> {
            RunSeries r = list.get(0);
            if (r.metrics().has(p.x()) && r.metrics().has(p.y())) {
                double[][] pts = ParametricChart.finite(r.metrics().column(p.x()), r.metrics().column(p.y()), p.logX(), p.logY());
                String n = name;
                if (!p.legendMetric().isEmpty() && r.metrics().has(p.legendMetric())) {
                    n += ": " + p.legendMetric() + " " + org.momentumlab.experiment.Num.sig(Summary.finalValue(r.metrics(), p.legendMetric()), 3);
                }
                if (pts[0].length > 0) {
                    ObjectNode s = line(n, colors.get(name), pts[0], pts[1]);
                    s.put("markers", true);
                    series.add(s);
                }
            }
        });
        double[][] refs = ParametricChart.referenceSlopes(p, byName); // slope-1 and slope-2 references, as in the figure
        if (refs != null) {
            for (int order = 1; order <= 2; order++) {
                ObjectNode ref = line("slope " + order + " (reference)", "#777777", refs[0], refs[order]);
                ref.put("dashed", true);
                series.add(ref);
            }
        }
        return c;
    }

    /**
     * {@code metric} over steps, per label: the mean (or median) over seeds with the min–max (or
     * interquartile) band, and each seed's curve (shown on demand); null when no label has it.
     */
    static ObjectNode bandChart(String title, String xLabel, String yLabel, boolean logX, boolean logY, boolean median,
            Map<String, List<RunSeries>> byName, String metric, Map<String, String> colors) {
        ObjectNode c = chart(title, xLabel, yLabel, logX, logY);
        ArrayNode series = c.putArray("series");
        int maxSeeds = 0;
        for (var e : byName.entrySet()) {
            List<RunSeries> list = e.getValue().stream().filter(r -> r.metrics().has(metric)).toList();
            if (list.isEmpty()) {
                continue;
            }
            SeedBand b = SeedBand.of(list, metric);
            double[] mid = median ? b.median() : b.mean();
            double[] lo = median ? b.q1() : b.min();
            double[] hi = median ? b.q3() : b.max();
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                if (ok(mid[i], logY) && ok(b.steps()[i], logX)) {
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                continue;
            }
            double[] x = pick(b.steps(), keep);
            double[] y = pick(mid, keep);
            double[] l = pick(lo, keep);
            double[] h = pick(hi, keep);
            int[] idx = decimate(x.length, BAND_POINTS, l, h, y);
            ObjectNode s = line(e.getKey(), colors.get(e.getKey()), pick(x, idx), pick(y, idx));
            if (list.size() > 1) {
                s.set("lo", numbers(pick(l, idx), logY));
                s.set("hi", numbers(pick(h, idx), logY));
                ArrayNode seeds = s.putArray("seeds");
                for (RunSeries r : list) {
                    double[][] pts = ParametricChart.finite(stepsOf(r), r.metrics().column(metric), logX, logY);
                    int[] si = decimate(pts[0].length, SEED_POINTS, pts[1]);
                    ObjectNode sd = seeds.addObject();
                    sd.put("seed", r.seed());
                    sd.set("x", numbers(pick(pts[0], si), false));
                    sd.set("y", numbers(pick(pts[1], si), false));
                }
            }
            maxSeeds = Math.max(maxSeeds, list.size());
            series.add(s);
        }
        if (series.isEmpty()) {
            return null;
        }
        c.put("caption", maxSeeds <= 1 ? "one seed" : (median ? "line: median over seeds; band: interquartile range over seeds"
                : "line: mean over seeds; band: min–max over seeds") + " (" + maxSeeds + " seeds; each seed's curve on demand)");
        return c;
    }

    private static double[] stepsOf(RunSeries r) {
        long[] s = r.metrics().steps();
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        return d;
    }

    private static boolean ok(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    static ObjectNode chart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        ObjectNode c = JSON.createObjectNode();
        c.put("title", title);
        c.put("xLabel", xLabel);
        c.put("yLabel", yLabel);
        c.put("logX", logX);
        c.put("logY", logY);
        return c;
    }

    static ObjectNode line(String name, String color, double[] x, double[] y) {
        ObjectNode s = JSON.createObjectNode();
        s.put("name", name);
        s.put("color", color == null ? PALETTE[0] : color);
        s.set("x", numbers(x, false));
        s.set("y", numbers(y, false));
        return s;
    }

    /**
     * The indices of {@code n} points to draw, at most about {@code max}: all when n ≤ max; else, in
     * each of max/(2 + 2·arrays) buckets of consecutive points, the first and last index and where
     * each array is smallest and largest (extremes survive decimation), in increasing order.
     */
    static int[] decimate(int n, int max, double[]... arrays) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, max / (2 + 2 * arrays.length));
        TreeSet<Integer> keep = new TreeSet<>();
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            keep.add(from);
            keep.add(to - 1);
            for (double[] a : arrays) {
                int lo = from;
                int hi = from;
                for (int i = from; i < to; i++) {
                    if (a[i] < a[lo]) {
                        lo = i;
                    }
                    if (a[i] > a[hi]) {
                        hi = i;
                    }
                }
                keep.add(lo);
                keep.add(hi);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    private static double[] pick(double[] a, List<Integer> idx) {
        return pick(a, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Values with 6 significant digits; not finite (or not positive on a log axis) as null. */
    static ArrayNode numbers(double[] v, boolean log) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            if (ok(x, log)) {
                a.add(round(x));
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static final double[] POW10 = new double[23];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    /**
     * x to 6 significant digits, for display: where x = m·10^e with 10^5 ≤ |m| &lt; 10^6 and
     * |e| ≤ 22, the scaled value is rounded to an integer m and m·10^e taken with one correctly
     * rounded operation (m and 10^|e| are exact doubles); the scaling itself rounds, so a value
     * within about 1e-16 (relative) of a tie may round the other way than exact decimal rounding.
     * Other magnitudes, and exact ties, go through BigDecimal (half up).
     */
    static double round(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int e = (int) Math.floor(Math.log10(Math.abs(x))) - 5; // x ≈ m·10^e with 10^5 ≤ |m| < 10^6
        if (e >= -22 && e <= 22) {
            double scaled = e < 0 ? x * POW10[-e] : x / POW10[e];
            double m = Math.rint(scaled);
            if (Math.abs(scaled - m) != 0.5 && Math.abs(m) < 1e6 && Math.abs(m) >= 1e5) { // not a tie, and the digit count is right
                return e < 0 ? m / POW10[-e] : m * POW10[e];
            }
        }
        return new BigDecimal(x).round(DIGITS).doubleValue();
    }

    /** Loads and compiles what a page needs (the compressed library, JSON, the chart data code) on a small chart, so pages are written warm. */
    static void warmUp(ResultLayout.Panel p, Map<String, List<RunSeries>> byName) {
        echarts();
        try {
            JSON.writeValueAsBytes(bandChart("warm-up", "x", "y", false, false, false, byName, p.y(), colors(List.copyOf(byName.keySet()))));
        } catch (IOException e) {
            // only a warm-up
        }
    }

    /** A table as {header, rows} of strings. */
    static ObjectNode table(List<String[]> rows) {
        ObjectNode t = JSON.createObjectNode();
        ArrayNode head = t.putArray("header");
        for (String h : rows.get(0)) {
            head.add(h);
        }
        ArrayNode body = t.putArray("rows");
        for (String[] r : rows.subList(1, rows.size())) {
            ArrayNode row = body.addArray();
            for (String c : r) {
                row.add(c);
            }
        }
        return t;
    }

    /** Links to the directory's metrics.csv, tables and figure files (relative, so the page moves with its directory). */
    private static ArrayNode links(Path dir) throws IOException {
        ArrayNode links = JSON.createArrayNode();
        for (String f : List.of(RunDirectory.METRICS, RunDirectory.TABLE, RunDirectory.SUMMARY, RunDirectory.SPEC, "aggregate.csv", "table.md",
                "correlation.md")) {
            if (Files.isRegularFile(dir.resolve(f)) && links.findValues("href").stream().noneMatch(h -> h.asText().equals(f))) {
                links.addObject().put("href", f).put("name", f);
            }
        }
        Path figures = dir.resolve(RunDirectory.FIGURES);
        if (Files.isDirectory(figures)) {
            try (Stream<Path> s = Files.list(figures)) {
                for (Path f : s.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".png") || n.endsWith(".svg") || n.endsWith(".pdf")) {
                        links.addObject().put("href", href(RunDirectory.FIGURES + "/" + n)).put("name", n);
                    }
                }
            }
        }
        return links;
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- sweep page

    /**
     * Writes the sweep page into {@code target}: the pivot table of {@code metric} (cells per label,
     * the gap between the first two labels highlighted where it exceeds their stds added),
     * mean ± std as bars with error bars, and a link to each run's page.
     */
    public static Path writeSweep(Path target, String name, String description, List<SweepReport.Group> groups, String rowKey, String colKey,
            String metric, boolean pct, List<Path> runDirs) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.put("page", "sweep");
        data.put("title", name);
        data.put("description", description);
        data.set("claims", claims(target.resolve(Claims.FILE)));
        data.put("metric", metric + (pct ? " (%)" : ""));
        data.put("categoryAxis", colKey == null ? rowKey : rowKey + " | " + colKey);
        double scale = pct ? 100 : 1;
        List<String> labels = new ArrayList<>(new LinkedHashSet<>(groups.stream().map(SweepReport.Group::label).toList()));
        List<String> rowVals = new ArrayList<>(new LinkedHashSet<>(groups.stream().map(g -> g.fields().getOrDefault(rowKey, "")).toList()));
        List<String> colVals = colKey == null ? List.of("") : new ArrayList<>(new LinkedHashSet<>(groups.stream().map(g -> g.fields().getOrDefault(colKey, "")).toList()));
        Map<String, String> colors = colors(labels);
        ObjectNode pivot = data.putObject("pivot");
        pivot.put("corner", rowKey + (colKey == null ? "" : " \\ " + colKey) + " (" + String.join(" / ", labels) + ")");
        ArrayNode cols = pivot.putArray("columns");
        colVals.forEach(cols::add);
        ArrayNode prow = pivot.putArray("rows");
        ArrayNode cats = data.putArray("categories");
        ArrayNode bars = data.putArray("bars");
        Map<String, ArrayNode[]> barData = new LinkedHashMap<>();
        for (String l : labels) {
            ObjectNode b = bars.addObject();
            b.put("name", l);
            b.put("color", colors.get(l));
            barData.put(l, new ArrayNode[] {b.putArray("mean"), b.putArray("std")});
        }
        for (String rv : rowVals) {
            ObjectNode r = prow.addObject();
            r.put("key", rv);
            ArrayNode cells = r.putArray("cells");
            for (String cv : colVals) {
                cats.add(colKey == null ? rv : rv + " | " + cv);
                ObjectNode cell = cells.addObject();
                ArrayNode vals = cell.putArray("values");
                double[] means = new double[labels.size()];
                double[] stds = new double[labels.size()];
                for (int i = 0; i < labels.size(); i++) {
                    String l = labels.get(i);
                    Summary.Stats s = groups.stream().filter(g -> g.label().equals(l) && g.fields().getOrDefault(rowKey, "").equals(rv)
                            && (colKey == null || g.fields().getOrDefault(colKey, "").equals(cv))).findFirst()
                            .map(g -> g.stats().get(metric)).orElse(null);
                    means[i] = s == null ? Double.NaN : s.mean() * scale;
                    stds[i] = s == null ? Double.NaN : s.std() * scale;
                    ObjectNode v = vals.addObject();
                    v.put("text", SweepReport.format(s, pct));
                    putNumber(v, "mean", means[i]);
                    putNumber(barData.get(l)[0], means[i]);
                    putNumber(barData.get(l)[1], stds[i]);
                }
                if (labels.size() >= 2 && Double.isFinite(means[0]) && Double.isFinite(means[1])) {
                    double gap = means[1] - means[0];
                    putNumber(cell, "gap", gap);
                    cell.put("gapText", (gap > 0 ? "+" : gap < 0 ? "−" : "") + (pct ? String.format(java.util.Locale.ROOT, "%.2f", Math.abs(gap))
                            : org.momentumlab.experiment.Num.sig(Math.abs(gap), 3)));
                    double noise = (Double.isFinite(stds[0]) ? stds[0] : 0) + (Double.isFinite(stds[1]) ? stds[1] : 0);
                    cell.put("clear", Math.abs(gap) > noise);
                }
            }
        }
        if (labels.size() >= 2) {
            data.put("gapNote", "gap = " + labels.get(1) + " − " + labels.get(0) + "; highlighted where it is larger than the two stds added "
                    + "(green: " + labels.get(1) + " higher, red: lower); click a column head to sort by its gap");
        }
        ArrayNode runs = data.putArray("runs");
        for (Path d : runDirs) {
            String rel = target.relativize(d).toString().replace('\\', '/');
            runs.addObject().put("name", d.getFileName().toString()).put("href", href(rel + "/" + FILE))
                    .put("page", Files.isRegularFile(d.resolve(FILE)));
        }
        data.set("links", links(target));
        return write(target.resolve(FILE), data);
    }

    /** A relative (or absolute) file path as a URL reference: each segment percent-encoded (a directory named "run #1" stays a link). */
    static String href(String path) {
        try {
            return new java.net.URI(null, null, path, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            return path;
        }
    }

    private static void putNumber(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, round(v));
        } else {
            o.putNull(k);
        }
    }

    private static void putNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(round(v));
        } else {
            a.addNull();
        }
    }

    /** The {@code claims} array of a JSON file (summary.json, claims.json); empty when it has none or cannot be read. */
    static ArrayNode claims(Path file) {
        try {
            JsonNode c = Files.isRegularFile(file) ? JSON.readTree(file.toFile()).path("claims") : null;
            return c != null && c.isArray() ? (ArrayNode) c : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    // ---------------------------------------------------------------- reproduce page

    /**
     * Writes the page of {@code mlab reproduce} into {@code file}: every claim's verdict, each row
     * with {@code preset} and, where it ran, {@code href} to its run or sweep page.
     */
    public static Path writeReproduce(Path file, String title, String description, ArrayNode verdicts) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.put("page", "reproduce");
        data.put("title", title);
        data.put("description", description);
        data.set("claims", verdicts);
        return write(file, data);
    }

    // ---------------------------------------------------------------- comparison page

    /**
     * Writes one page overlaying the curves of several run directories ({@code names}: how each is
     * called in the legends) with the spec differences ({@code differences}: header row first, one
     * column per run) into {@code file}.
     */
    public static Path writeCompare(Path file, List<RunRecord> records, List<String> names, List<String[]> differences) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        data.put("page", "compare");
        data.put("title", "comparison of " + records.size() + " runs");
        List<String> which = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            which.add(names.get(i) + " = " + records.get(i).dir().toAbsolutePath().normalize()
                    + (records.get(i).complete() ? "" : " (incomplete)"));
        }
        data.put("description", String.join("; ", which));
        List<String> all = new ArrayList<>();
        Map<String, List<RunSeries>> byName = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (var e : RunFigures.byName(records.get(i).runs(), List.of()).entrySet()) {
                String n = names.get(i) + ": " + e.getKey();
                byName.put(n, e.getValue());
                all.add(n);
            }
        }
        Map<String, String> colors = colors(all);
        ObjectNode metrics = data.putObject("metrics");
        List<String> metricNames = new ArrayList<>();
        records.forEach(r -> metricNames(r.runs()).stream().filter(m -> !metricNames.contains(m)).forEach(metricNames::add));
        for (String m : metricNames) {
            ObjectNode c = bandChart(m, "step", m, false, false, false, byName, m, colors);
            if (c != null) {
                metrics.set(m, c);
            }
        }
        data.set("differences", table(differences));
        ArrayNode runs = data.putArray("runs");
        for (int i = 0; i < records.size(); i++) {
            Path d = records.get(i).dir().toAbsolutePath().normalize();
            Path rel;
            try {
                rel = file.toAbsolutePath().normalize().getParent().relativize(d);
            } catch (IllegalArgumentException e) {
                rel = d;
            }
            runs.addObject().put("name", names.get(i) + ": " + d.getFileName()).put("href", href(rel.toString().replace('\\', '/') + "/" + FILE))
                    .put("page", Files.isRegularFile(d.resolve(FILE)));
        }
        data.set("links", JSON.createArrayNode());
        return write(file, data);
    }

    // ---------------------------------------------------------------- the page

    private static Path write(Path file, ObjectNode data) throws IOException {
        String page = template().replace("@TITLE@", escape(data.path("title").asText("MomentumLab")))
                .replace("/*@CSS@*/", resource("report.css"))
                .replace("/*@APP@*/", resource("report.js"))
                .replace("@ECHARTS@", echarts())
                .replace("@DATA@", gzipBase64(JSON.writeValueAsBytes(data)));
        AtomicFiles.write(file, page);
        return file;
    }

    /** gzip, then base64 in lines of 76 characters (the page inflates it with the browser's DecompressionStream). */
    static String gzipBase64(byte[] bytes) {
        var buf = new java.io.ByteArrayOutputStream(bytes.length / 3 + 64);
        try (var gz = new java.util.zip.GZIPOutputStream(buf)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(buf.toByteArray());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        return resource("report.html");
    }

    private static volatile String echarts;

    /** The bundled ECharts file of the webjar on the class path, gzipped and in base64 (made once per process). */
    static String echarts() {
        String e = echarts;
        if (e == null) {
            String path = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
            try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the ECharts library (" + path + ") is not on the class path: rebuild MomentumLab");
                }
                e = gzipBase64(in.readAllBytes());
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            echarts = e;
        }
        return e;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("html/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
