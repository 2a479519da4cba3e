package org.momentumlab.report;

import java.util.List;
import java.util.TreeMap;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.Summary;

/**
 * One metric of one optimizer over seeds, aligned on probe steps: mean, std, min and max of the
 * runs that have a finite value at that step (runs that stopped early drop out of later steps).
 */
public record SeedBand(double[] steps, double[] mean, double[] std, double[] min, double[] max) {

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
        SeedBand b = new SeedBand(new double[n], new double[n], new double[n], new double[n], new double[n]);
        int i = 0;
        for (var e : byStep.entrySet()) {
            Summary.Stats s = Summary.Stats.of(e.getValue());
            b.steps[i] = e.getKey();
            b.mean[i] = s.mean();
            b.std[i] = s.std();
            b.min[i] = s.min();
            b.max[i] = s.max();
            i++;
        }
        return b;
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
