package org.momentumlab.experiment.rundir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.probe.MetricTable;

/**
 * summary.json: the final value of every metric of every run (its last recorded value), how each
 * run ended, and per label the mean, sample standard deviation (n − 1 in the denominator; 0 for a
 * single seed), min, max and count over seeds.
 */
public final class Summary {
    private Summary() {
    }

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

    /** Runs grouped by label, in first-appearance order. */
    public static Map<RunLabel, List<RunSeries>> byLabel(List<RunSeries> runs) {
        Map<RunLabel, List<RunSeries>> g = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            g.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    /** The last recorded (non-NaN) value of {@code metric}, NaN if never recorded. */
    public static double finalValue(MetricTable t, String metric) {
        if (!t.has(metric)) {
            return Double.NaN;
        }
        for (int row = t.rows() - 1; row >= 0; row--) {
            double v = t.get(metric, row);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    /** Stats over the runs of the final value of {@code metric}. */
    public static Stats finalStats(List<RunSeries> runs, String metric) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = finalValue(runs.get(i).metrics(), metric);
        }
        return Stats.of(v);
    }

    /** Every metric the runs recorded, in first-appearance order. */
    public static List<String> metrics(List<RunSeries> runs) {
        Set<String> m = new LinkedHashSet<>();
        runs.forEach(r -> m.addAll(r.metrics().metrics()));
        return List.copyOf(m);
    }

    /** The summary.json tree; {@code complete} is false for the runs of an interrupted or failed invocation. */
    public static ObjectNode toJson(List<RunSeries> runs, List<String> labelFields, boolean complete) {
        return toJson(runs, labelFields, List.of(), complete);
    }

    /** The metrics a layout reads as event times (those of its censored columns). */
    public static List<String> eventMetrics(org.momentumlab.experiment.ResultLayout layout) {
        return layout.columns().stream().filter(c -> c.stat() != org.momentumlab.experiment.ResultLayout.Stat.MEAN_STD)
                .map(org.momentumlab.experiment.ResultLayout.Column::metric).distinct().toList();
    }

    /**
     * As above; each metric of {@code eventMetrics} is an event time (NaN: the run ended without the
     * event) and its over-seeds entry also has {@code events}: runs, observed, fraction, and the
     * censored median, quartiles and 95 % bootstrap interval ({@link CensoredStats}; null where not reached).
     */
    public static ObjectNode toJson(List<RunSeries> runs, List<String> labelFields, List<String> eventMetrics, boolean complete) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("complete", complete);
        var lf = root.putArray("label_fields");
        labelFields.forEach(lf::add);
        var arr = root.putArray("runs");
        for (RunSeries r : runs) {
            ObjectNode n = arr.addObject();
            n.put("run", r.id());
            n.put("label", r.label().id());
            for (int i = 0; i < r.label().fields().size(); i++) {
                n.put(r.label().fields().get(i), r.label().values().get(i));
            }
            n.put("seed", r.seed());
            if (r.result() != null) {
                n.put("steps", r.result().steps());
                n.put("stop_reason", r.result().reason().name().toLowerCase(Locale.ROOT));
                n.put("diverged", r.result().diverged());
                if (r.result().diverged()) {
                    n.put("diverged_at_step", r.result().divergedAtStep());
                } else {
                    n.putNull("diverged_at_step");
                }
            }
            ObjectNode fin = n.putObject("final");
            for (String m : r.metrics().metrics()) {
                putNumber(fin, m, finalValue(r.metrics(), m));
            }
        }
        ObjectNode agg = root.putObject("over_seeds");
        byLabel(runs).forEach((label, list) -> {
            ObjectNode o = agg.putObject(label.id());
            ObjectNode l = o.putObject("label");
            for (int i = 0; i < label.fields().size(); i++) {
                l.put(label.fields().get(i), label.values().get(i));
            }
            o.put("seeds", list.size());
            o.put("diverged_runs", list.stream().filter(r -> r.result() != null && r.result().diverged()).count());
            for (String m : metrics(list)) {
                Stats s = finalStats(list, m);
                ObjectNode sn = o.putObject(m);
                putNumber(sn, "mean", s.mean());
                putNumber(sn, "std", s.std());
                putNumber(sn, "min", s.min());
                putNumber(sn, "max", s.max());
                sn.put("count", s.count());
                if (eventMetrics.contains(m)) {
                    double[] v = list.stream().mapToDouble(r -> finalValue(r.metrics(), m)).toArray();
                    CensoredStats c = CensoredStats.of(v);
                    ObjectNode ev = sn.putObject("events");
                    ev.put("runs", c.count());
                    ev.put("observed", c.observed());
                    putNumber(ev, "fraction", c.fraction());
                    putNumber(ev, "median", c.median());
                    putNumber(ev, "q1", c.q1());
                    putNumber(ev, "q3", c.q3());
                    putNumber(ev, "median_ci_low", c.ciLow());
                    putNumber(ev, "median_ci_high", c.ciHigh());
                }
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
