package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Final values per run and their aggregate over seeds: mean, sample standard deviation (n − 1 in
 * the denominator; 0 for a single seed), min, max and count, per optimizer.
 */
public final class Summary {
    private Summary() {
    }

    /** The final metrics reported per run, in table order. */
    public static final List<String> FINAL_METRICS = List.of("train_loss", "train_acc", "train_acc_small",
            "test_acc", "test_acc_large", "test_acc_small", "max_signal", "noise_small_mean", "noise_corr_max", "nu1", "nu2", "epoch");

    /** Mean, sample std, min, max and count of the finite values (NaN mean when none is finite). */
    public record Stats(double mean, double std, double min, double max, int count) {
        public static Stats of(double[] values) {
            int n = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    n++;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (n == 0) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            return new Stats(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max, n);
        }
    }

    /** Runs grouped by optimizer, in first-appearance order. */
    public static Map<String, List<RunSeries>> byOptimizer(List<RunSeries> runs) {
        Map<String, List<RunSeries>> g = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            g.computeIfAbsent(r.optimizer(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    /** Stats over the runs of the last-row value of {@code metric}. */
    public static Stats finalStats(List<RunSeries> runs, String metric) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs.get(i).metrics().has(metric) ? runs.get(i).metrics().last(metric) : Double.NaN;
        }
        return Stats.of(v);
    }

    /** The summary.json tree. */
    public static ObjectNode toJson(List<RunSeries> runs) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        var arr = root.putArray("runs");
        for (RunSeries r : runs) {
            ObjectNode n = arr.addObject();
            n.put("run", r.id());
            n.put("optimizer", r.optimizer());
            n.put("seed", r.seed());
            if (r.result() != null) {
                n.put("steps", r.result().steps());
                n.put("stop_reason", r.result().reason().name().toLowerCase(java.util.Locale.ROOT));
                n.put("diverged", r.result().diverged());
                if (r.result().diverged()) {
                    n.put("diverged_at_step", r.result().divergedAtStep());
                } else {
                    n.putNull("diverged_at_step");
                }
            }
            ObjectNode fin = n.putObject("final");
            for (String m : FINAL_METRICS) {
                if (r.metrics().has(m)) {
                    putNumber(fin, m, r.metrics().last(m));
                }
            }
        }
        ObjectNode agg = root.putObject("over_seeds");
        byOptimizer(runs).forEach((opt, list) -> {
            ObjectNode o = agg.putObject(opt);
            o.put("seeds", list.size());
            o.put("diverged_runs", list.stream().filter(r -> r.result() != null && r.result().diverged()).count());
            for (String m : FINAL_METRICS) {
                if (list.stream().noneMatch(r -> r.metrics().has(m))) {
                    continue;
                }
                Stats s = finalStats(list, m);
                ObjectNode sn = o.putObject(m);
                putNumber(sn, "mean", s.mean());
                putNumber(sn, "std", s.std());
                putNumber(sn, "min", s.min());
                putNumber(sn, "max", s.max());
                sn.put("count", s.count());
            }
        });
        return root;
    }

    /** JSON has no NaN: non-finite values are written as null. */
    static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
