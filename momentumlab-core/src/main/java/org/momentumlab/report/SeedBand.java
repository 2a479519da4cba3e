package org.momentumlab.report;

import java.util.List;
import java.util.TreeMap;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.Summary;

/**
 * One metric of one optimizer over seeds, aligned on probe steps: mean, std, min, max, median and
 * quartiles (type 7) of the runs that have a finite value at that step (runs that stopped early drop
 * out of later steps).
 */
public record SeedBand(double[] steps, double[] mean, double[] std, double[] min, double[] max,
                       double[] median, double[] q1, double[] q3) {

    public static SeedBand of(List<RunSeries> runs, String metric) {
        TreeMap<Long, double[]> byStep = new TreeMap<>();
        for (int k = 0; k < runs.size(); k++) {
            var t = runs.get(k).metrics();
            if (!t.has(metric)) {
                continue;
            }
            for (int row = 0; row < t.rows(); row++) {
                double[] vals = byStep.computeIfAbsent(t.step(row), s -> filledNaN(runs.size()));
                vals[k] = t.get(metric, row);
            }
        }
        int n = byStep.size();
        SeedBand b = new SeedBand(new double[n], new double[n], new double[n], new double[n], new double[n],
                new double[n], new double[n], new double[n]);
        int i = 0;
        for (var e : byStep.entrySet()) {
            Summary.Stats s = Summary.Stats.of(e.getValue());
            b.steps[i] = e.getKey();
            b.mean[i] = s.mean();
            b.std[i] = s.std();
            b.min[i] = s.min();
            b.max[i] = s.max();
            double[] fin = java.util.Arrays.stream(e.getValue()).filter(Double::isFinite).sorted().toArray();
            b.median[i] = quantile(fin, 0.5);
            b.q1[i] = quantile(fin, 0.25);
            b.q3[i] = quantile(fin, 0.75);
            i++;
        }
        return b;
    }

    /** Type-7 quantile of sorted finite values (NaN when there are none). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        return lo + 1 >= sorted.length ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    private static double[] filledNaN(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    public int size() {
        return steps.length;
    }
}
