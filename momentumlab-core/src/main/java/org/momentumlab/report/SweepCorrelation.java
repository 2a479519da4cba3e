package org.momentumlab.report;

import java.io.IOException;
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
        List<Result> results = correlate(rows, xm, ym);
        boolean log = logScale(points(rows, xm, ym)[0]);
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"runs", "n", "left out", "Pearson r [95% CI]", "Spearman rho [95% CI]",
            "fit " + ym + " = a + b " + (log ? "log10(" + xm + ")" : xm)});
        for (Result r : results) {
            t.add(new String[] {r.group(), Integer.toString(r.n()), Integer.toString(r.left()), r.pearson().format(), r.spearman().format(),
                "a = " + Num.sig(r.intercept(), 4) + ", b = " + Num.sig(r.slope(), 4)});
        }
        boolean hasThird = third != null && rows.stream().anyMatch(r -> Double.isFinite(r.finals().getOrDefault(third, Double.NaN)));
        StringBuilder md = new StringBuilder("Correlation of the final " + ym + " with the final " + xm + " across the runs (each run a point: "
                + "grid point, seed, label); 95 % percentile bootstrap intervals over the runs, " + RESAMPLES + " resamples\n\n");
        md.append(TextTable.markdown(t));
        List<Result> thirdResults = hasThird ? correlate(rows, third, ym) : List.of();
        if (hasThird) {
            List<String[]> t2 = new ArrayList<>();
            t2.add(new String[] {"runs", "n", "Pearson r [95% CI]", "Spearman rho [95% CI]"});
            for (Result r : thirdResults) {
                t2.add(new String[] {r.group(), Integer.toString(r.n()), r.pearson().format(), r.spearman().format()});
            }
            md.append("\nThe same against the final ").append(third).append(":\n\n").append(TextTable.markdown(t2));
        }
        AtomicFiles.write(target.resolve("correlation.md"), md.toString());
        try {
            List<XYChart> charts = new ArrayList<>();
            charts.add(scatter(rows, xm, ym, results));
            if (hasThird) {
                charts.add(scatter(rows, third, ym, thirdResults));
            }
            FigureWriter.writeGrid(charts, 2, target.resolve(org.momentumlab.experiment.rundir.RunDirectory.FIGURES), "correlation");
        } catch (Exception | Error e) { // the tables are written: a figure that cannot be drawn loses nothing else
            warnings.println("mlab: warning: could not draw the correlation figure (" + RunReport.reason(e) + "); correlation.md is written");
        }
        return md.toString();
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
