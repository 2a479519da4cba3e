package org.momentumlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.rundir.AtomicFiles;

/**
 * The correlation of two final metrics across the runs of a sweep (each run one point: a grid point,
 * a seed and a label), as Sato &amp; Iiduka relate the noise level to test accuracy: per label and
 * pooled, Pearson's r and Spearman's ρ (Pearson's r of the ranks, ties given their mean rank), each
 * with a 95 % percentile bootstrap interval over the runs (2 000 resamples, a fixed seed: the same
 * runs give the same interval), and the least-squares line y = a + b·x (b·log10 x where x spans more
 * than two orders of magnitude; the figure then draws log10 x too). Runs where either value is
 * not finite (diverged) are left out and counted. Written as {@code correlation.md} and the figure
 * {@code figures/correlation.png|svg}: y against x with the fitted line, and y against a third metric
 * (the degree of smoothing) where the runs have it.
 */
public final class SweepCorrelation {
    static final int RESAMPLES = 2000;

    private SweepCorrelation() {
    }

    /** A coefficient and its 95 % bootstrap interval. */
    public record Estimate(double value, double low, double high) {
        String format() {
            return Num.sig(value, 3) + " [" + Num.sig(low, 3) + ", " + Num.sig(high, 3) + "]";
        }
    }

    /** One group's correlation: {@code n} runs used, {@code left} left out (a value not finite). */
    public record Result(String group, int n, int left, Estimate pearson, Estimate spearman, double intercept, double slope) {
    }

    /** Pearson's correlation coefficient (NaN for fewer than two points or a constant variable). */
    public static double pearson(double[] x, double[] y) {
        double[] m = moments(x, y);
        return x.length < 2 ? Double.NaN : m[3] / Math.sqrt(m[2] * m[4]);
    }

    /** The means and centred sums of squares and products: {mean x, mean y, Sxx, Sxy, Syy}. */
    private static double[] moments(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return new double[] {mx, my, sxx, sxy, syy};
    }

    /** Spearman's rank correlation: Pearson's r of the ranks (ties share their mean rank). */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks 1..n, tied values given the mean of their ranks. */
    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    /** The correlation of {@code x} and {@code y} by {@code f}, with its percentile bootstrap interval. */
    static Estimate bootstrap(double[] x, double[] y, java.util.function.BiFunction<double[], double[], Double> f, long seed) {
        int n = x.length;
        double[] reps = new double[RESAMPLES];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bx = new double[n];
        double[] by = new double[n];
        int k = 0;
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                bx[i] = x[j];
                by[i] = y[j];
            }
            double r = f.apply(bx, by);
            if (Double.isFinite(r)) { // a resample of one repeated point has no correlation
                reps[k++] = r;
            }
        }
        double[] ok = java.util.Arrays.copyOf(reps, k);
        java.util.Arrays.sort(ok);
        double value = f.apply(x, y);
        return k == 0 ? new Estimate(value, Double.NaN, Double.NaN)
                : new Estimate(value, ok[(int) Math.floor(0.025 * (k - 1))], ok[(int) Math.ceil(0.975 * (k - 1))]);
    }

    /** The correlation of metrics {@code xm} and {@code ym} over {@code rows}, per label and pooled (last). */
    public static List<Result> correlate(List<SweepReport.Row> rows, String xm, String ym) {
        Map<String, List<SweepReport.Row>> groups = new LinkedHashMap<>();
        for (SweepReport.Row r : rows) {
            groups.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
        }
        if (groups.size() > 1) {
            groups.put("pooled", rows);
        }
        List<Result> out = new ArrayList<>();
        boolean log = logScale(points(rows, xm, ym)[0]); // one scale for every group, as the table's header says
        groups.forEach((g, list) -> {
            double[][] xy = points(list, xm, ym);
            double[] x = xy[0];
            double[] y = xy[1];
            double[] line = fit(log ? log10(x) : x, y);
            long seed = g.hashCode();
            out.add(new Result(g, x.length, list.size() - x.length, bootstrap(x, y, SweepCorrelation::pearson, seed),
                    bootstrap(x, y, SweepCorrelation::spearman, seed + 1), line[0], line[1]));
        });
        return out;
    }

    /** The finite (x, y) pairs of the rows. */
    static double[][] points(List<SweepReport.Row> rows, String xm, String ym) {
        List<double[]> p = new ArrayList<>();
        for (SweepReport.Row r : rows) {
            double x = r.finals().getOrDefault(xm, Double.NaN);
            double y = r.finals().getOrDefault(ym, Double.NaN);
            if (Double.isFinite(x) && Double.isFinite(y)) {
                p.add(new double[] {x, y});
            }
        }
        return new double[][] {p.stream().mapToDouble(a -> a[0]).toArray(), p.stream().mapToDouble(a -> a[1]).toArray()};
    }

    /** Whether values span more than two orders of magnitude (all positive): then drawn and fitted on log10. */
    static boolean logScale(double[] x) {
        double min = java.util.Arrays.stream(x).min().orElse(0);
        double max = java.util.Arrays.stream(x).max().orElse(0);
        return min > 0 && max / min > 100;
    }

    static double[] log10(double[] x) {
        return java.util.Arrays.stream(x).map(Math::log10).toArray();
    }

    /** Least squares y = a + b·x: {a, b}. */
    static double[] fit(double[] x, double[] y) {
        double[] m = moments(x, y);
        double b = m[3] / m[2];
        return new double[] {m[1] - b * m[0], b};
    }

    /**
     * Writes {@code correlation.md} and the figure into {@code target} (a second panel against
     * {@code third} where the runs have it; null for none); returns the table's text.
     */
    public static String write(List<SweepReport.Row> rows, String xm, String ym, String third, Path target, java.io.PrintWriter warnings)
            throws IOException {
        boolean log = logScale(points(rows, xm, ym)[0]);
        boolean hasThird = has(rows, third);
        return write(new Panel(rows, xm, ym, correlate(rows, xm, ym), "fit " + ym + " = a + b " + (log ? "log10(" + xm + ")" : xm)),
                hasThird ? new Panel(rows, third, ym, correlate(rows, third, ym), null) : null,
                "Correlation of the final " + ym + " with the final " + xm + " across the runs (each run a point: grid point, seed, label); ",
                "\nThe same against the final " + third + ":\n\n", target, warnings);
    }

    private static boolean has(List<SweepReport.Row> rows, String metric) {
        return metric != null && rows.stream().anyMatch(r -> Double.isFinite(r.finals().getOrDefault(metric, Double.NaN)));
    }

    /** One panel: the rows drawn, the metrics, the correlations (pooled last) and the fit column's header (null: no fit column). */
    private record Panel(List<SweepReport.Row> rows, String xm, String ym, List<Result> results, String fitHeader) {
    }

    private static String write(Panel main, Panel second, String intro, String secondIntro, Path target, java.io.PrintWriter warnings)
            throws IOException {
        StringBuilder md = new StringBuilder(intro + "95 % percentile bootstrap intervals over the runs, " + RESAMPLES + " resamples\n\n");
        md.append(table(main));
        if (second != null) {
            md.append(secondIntro).append(table(second));
        }
        Files.createDirectories(target);
        AtomicFiles.write(target.resolve("correlation.md"), md.toString());
        try {
            List<XYChart> charts = new ArrayList<>();
            charts.add(scatter(main.rows(), main.xm(), main.ym(), main.results()));
            if (second != null) {
                charts.add(scatter(second.rows(), second.xm(), second.ym(), second.results()));
            }
            Path figures = Files.createDirectories(target.resolve(org.momentumlab.experiment.rundir.RunDirectory.FIGURES));
            FigureWriter.writeGrid(charts, 2, figures, "correlation");
        } catch (Exception | Error e) { // the tables are written: a figure that cannot be drawn loses nothing else
            warnings.println("mlab: warning: could not draw the correlation figure (" + RunReport.reason(e) + "); correlation.md is written");
        }
        return md.toString();
    }

    private static String table(Panel p) {
        List<String[]> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("runs", "n"));
        if (p.fitHeader() != null) {
            head.add("left out");
        }
        head.addAll(List.of("Pearson r [95% CI]", "Spearman rho [95% CI]"));
        if (p.fitHeader() != null) {
            head.add(p.fitHeader());
        }
        t.add(head.toArray(String[]::new));
        for (Result r : p.results()) {
            List<String> row = new ArrayList<>(List.of(r.group(), Integer.toString(r.n())));
            if (p.fitHeader() != null) {
                row.add(Integer.toString(r.left()));
            }
            row.addAll(List.of(r.pearson().format(), r.spearman().format()));
            if (p.fitHeader() != null) {
                row.add(Double.isNaN(r.slope()) ? "–" : "a = " + Num.sig(r.intercept(), 4) + ", b = " + Num.sig(r.slope(), 4));
            }
            t.add(row.toArray(String[]::new));
        }
        return TextTable.markdown(t);
    }

    /**
     * The correlation across several sweeps, each a model (e.g. the teacher–student networks and the
     * CNN on images): per model (per label and pooled within the model, as {@link #correlate}), and
     * pooled over the models. Accuracy and noise live on different scales for different models, so
     * the pooled estimate is computed on values standardized within each model: x (its log10 where
     * the model's x spans more than two orders of magnitude) and y as z-scores over the model's runs.
     * Spearman's ρ within a model does not change under this; across models it measures whether a
     * run noisier than its model's average is less accurate than its model's average. The pooled
     * group is last.
     */
    public static List<Result> correlateAcross(Map<String, List<SweepReport.Row>> models, String xm, String ym) {
        List<Result> out = new ArrayList<>();
        models.forEach((model, rows) -> correlate(rows, xm, ym).forEach(r -> out.add( // each model's own fit is in its sweep's correlation.md
                new Result(model + ": " + r.group(), r.n(), r.left(), r.pearson(), r.spearman(), Double.NaN, Double.NaN))));
        List<Result> pooled = correlate(standardized(models, xm, ym), z(xm), z(ym));
        out.add(renamed(pooled.get(pooled.size() - 1), POOLED_ACROSS));
        return out;
    }

    static final String POOLED_ACROSS = "all models pooled (z-scores within each model)";

    /** The name of a metric's within-model z-score. */
    static String z(String metric) {
        return "z(" + metric + ")";
    }

    private static Result renamed(Result r, String group) {
        return new Result(group, r.n(), r.left(), r.pearson(), r.spearman(), r.intercept(), r.slope());
    }

    /** One row per finite point, labelled by its model, with x and y as z-scores within the model (x on log10 where it spans >100×). */
    static List<SweepReport.Row> standardized(Map<String, List<SweepReport.Row>> models, String xm, String ym) {
        List<SweepReport.Row> out = new ArrayList<>();
        models.forEach((model, rows) -> {
            double[][] p = points(rows, xm, ym);
            double[] x = logScale(p[0]) ? log10(p[0]) : p[0];
            double[] zx = zScores(x);
            double[] zy = zScores(p[1]);
            for (int i = 0; i < zx.length; i++) {
                out.add(new SweepReport.Row(Map.of(), model, i, Map.of(z(xm), zx[i], z(ym), zy[i])));
            }
        });
        return out;
    }

    /** (v − mean) / std (population std); all NaN where v is constant, so such a model drops out of the pooled estimate. */
    static double[] zScores(double[] v) {
        double mean = java.util.Arrays.stream(v).sum() / v.length;
        double ss = 0;
        for (double a : v) {
            ss += (a - mean) * (a - mean);
        }
        double sd = Math.sqrt(ss / v.length);
        return java.util.Arrays.stream(v).map(a -> sd > 0 ? (a - mean) / sd : Double.NaN).toArray();
    }

    /**
     * Writes the correlation across the sweeps {@code models} (model name → its runs) into
     * {@code target}: {@code correlation.md} (per model, per label and pooled, and pooled across the
     * models on within-model z-scores) and the figure of the standardized points with the pooled fit
     * (a second panel against {@code third} where the runs have it); returns the table's text.
     */
    public static String writeAcross(Map<String, List<SweepReport.Row>> models, String xm, String ym, String third, Path target,
            java.io.PrintWriter warnings) throws IOException {
        List<SweepReport.Row> all = models.values().stream().flatMap(List::stream).toList();
        List<Result> main = correlateAcross(models, xm, ym);
        Panel p1 = new Panel(standardized(models, xm, ym), z(xm), z(ym), main, "fit " + z(ym) + " = a + b " + z(xm));
        Panel p2 = null;
        if (has(all, third)) {
            Map<String, List<SweepReport.Row>> withThird = new LinkedHashMap<>();
            models.forEach((k, v) -> {
                if (has(v, third)) {
                    withThird.put(k, v);
                }
            });
            p2 = new Panel(standardized(withThird, third, ym), z(third), z(ym), correlateAcross(withThird, third, ym), null);
        }
        return write(p1, p2, "Correlation of the final " + ym + " with the final " + xm + " across the runs of " + models.size()
                + " sweeps, each a model (" + String.join(", ", models.keySet()) + "): per model, per label and pooled within the model, "
                + "then all models pooled on z-scores within each model (x as log10 where a model's x spans more than two orders of magnitude; "
                + "the fit and the figure are on those z-scores; each model's own fit is in its sweep's correlation.md); ", "\nThe same against the final " + third + ":\n\n", target, warnings);
    }

    private static XYChart scatter(List<SweepReport.Row> rows, String xm, String ym, List<Result> results) {
        Result pooled = results.get(results.size() - 1);
        boolean log = logScale(points(rows, xm, ym)[0]); // over orders of magnitude: log10 of the values, drawn and fitted
        XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                .title(String.format(Locale.ROOT, "%s vs %s (Spearman %.2f)", ym, xm, pooled.spearman().value()))
                .xAxisTitle(log ? "log10 " + xm : xm).yAxisTitle(ym).build();
        FigureWriter.house(c.getStyler());
        Map<String, List<SweepReport.Row>> byLabel = new LinkedHashMap<>();
        rows.forEach(r -> byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        int k = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (var e : byLabel.entrySet()) {
            double[][] p = points(e.getValue(), xm, ym);
            if (p[0].length == 0) {
                continue;
            }
            if (log) {
                p[0] = log10(p[0]);
            }
            for (double v : p[0]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            XYSeries s = c.addSeries(e.getKey(), p[0], p[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarkerColor(FigureWriter.PALETTE[k++ % FigureWriter.PALETTE.length]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (lo < hi && Double.isFinite(pooled.slope())) {
            int m = 2;
            double[] fx = new double[m];
            double[] fy = new double[m];
            for (int i = 0; i < m; i++) {
                fx[i] = lo + (hi - lo) * i / (m - 1.0);
                fy[i] = pooled.intercept() + pooled.slope() * fx[i];
            }
            XYSeries f = c.addSeries("least squares (pooled)", fx, fy);
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.NONE);
            f.setLineColor(java.awt.Color.BLACK);
        }
        return c;
    }
}
