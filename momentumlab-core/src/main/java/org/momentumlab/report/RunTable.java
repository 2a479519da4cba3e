package org.momentumlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.rundir.CensoredStats;
import org.momentumlab.experiment.rundir.Summary;

/**
 * The summary table of a run directory: one row per label (its fields as columns), the number of
 * seeds (and how many diverged), then the layout's columns, each a statistic of the final values over
 * seeds (mean ± std by default; medians, quartiles, fractions and ratios of event times for
 * {@link ResultLayout.Stat censored} columns, where "&gt; N" is a median not reached within the N
 * steps of the runs). Columns no run recorded are left out.
 */
public final class RunTable {
    private RunTable() {
    }

    /** Header row first. */
    public static List<String[]> rows(ResultLayout layout, List<RunSeries> runs) {
        List<ResultLayout.Column> columns = layout.columns().stream()
                .filter(c -> runs.stream().anyMatch(r -> r.metrics().has(c.metric()))).toList();
        List<String> fields = layout.labelFields();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(fields);
        header.add("seeds");
        columns.forEach(c -> header.add(c.header()));
        rows.add(header.toArray(String[]::new));
        Map<RunLabel, List<RunSeries>> groups = Summary.byLabel(runs);
        List<RunSeries> first = groups.isEmpty() ? List.of() : groups.values().iterator().next();
        groups.forEach((label, list) -> {
            List<String> r = new ArrayList<>(label.values());
            long diverged = list.stream().filter(x -> x.result() != null && x.result().diverged()).count();
            r.add(list.size() + (diverged > 0 ? " (" + diverged + " diverged)" : ""));
            for (ResultLayout.Column c : columns) {
                r.add(cell(c, list, first));
            }
            rows.add(r.toArray(String[]::new));
        });
        return rows;
    }

    /** One cell: the column's statistic over a label's runs ({@code first}: the first label's runs, for ratios). */
    static String cell(ResultLayout.Column c, List<RunSeries> list, List<RunSeries> first) {
        double[] v = finals(list, c.metric());
        switch (c.stat()) {
            case FRACTION -> {
                CensoredStats s = CensoredStats.of(v);
                return s.observed() + "/" + s.count();
            }
            case MEDIAN_CI -> {
                CensoredStats s = CensoredStats.of(v);
                return time(s.median(), list) + " [" + time(s.ciLow(), list) + ", " + time(s.ciHigh(), list) + "]";
            }
            case IQR -> {
                CensoredStats s = CensoredStats.of(v);
                return "[" + time(s.q1(), list) + ", " + time(s.q3(), list) + "]";
            }
            case MEDIAN_RATIO -> {
                double[][] paired = paired(list, first, c.metric());
                double[] q = CensoredStats.medianRatio(paired[0], paired[1]);
                return paired[0].length == 0 ? "-" : ratio(q[0]) + " [" + ratio(q[1]) + ", " + ratio(q[2]) + "]";
            }
            default -> {
                Summary.Stats s = Summary.Stats.of(v);
                return s.count() == 0 ? "-" : s.count() == 1 ? c.format(s.mean()) : c.format(s.mean(), s.std());
            }
        }
    }

    private static double[] finals(List<RunSeries> runs, String metric) {
        return runs.stream().mapToDouble(r -> Summary.finalValue(r.metrics(), metric)).toArray();
    }

    /** The final values of the seeds both lists have, in the order of {@code list}: {values, reference values}. */
    private static double[][] paired(List<RunSeries> list, List<RunSeries> reference, String metric) {
        Map<Long, RunSeries> ref = new java.util.HashMap<>();
        reference.forEach(r -> ref.put(r.seed(), r));
        List<double[]> pairs = new ArrayList<>();
        for (RunSeries r : list) {
            RunSeries o = ref.get(r.seed());
            if (o != null) {
                pairs.add(new double[] {Summary.finalValue(r.metrics(), metric), Summary.finalValue(o.metrics(), metric)});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    /** An event time, or "> N" past the runs' last step N (censored). */
    private static String time(double t, List<RunSeries> runs) {
        if (Double.isNaN(t)) {
            return "-";
        }
        if (t == Double.POSITIVE_INFINITY) {
            long horizon = runs.stream().filter(r -> r.result() != null).mapToLong(r -> r.result().steps()).max().orElse(-1);
            return horizon < 0 ? "not reached" : "> " + Num.sig(horizon, 3);
        }
        return Num.sig(t, 3);
    }

    private static String ratio(double q) {
        return Double.isNaN(q) ? "-" : q == Double.POSITIVE_INFINITY ? "inf" : Num.sig(q, 3);
    }

    /** Aligned text for the terminal. */
    public static String text(ResultLayout layout, List<RunSeries> runs) {
        return TextTable.render(rows(layout, runs));
    }

    /** Markdown (table.md). */
    public static String markdown(ResultLayout layout, List<RunSeries> runs) {
        return TextTable.markdown(rows(layout, runs));
    }

    /**
     * One run's final values in the layout's columns, e.g. {@code train acc 100.00 %, test acc 97.30 %};
     * a metric with several columns is shown once (an event time as "-" when it did not happen).
     */
    public static String line(ResultLayout layout, RunSeries run) {
        List<String> parts = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (ResultLayout.Column c : layout.columns()) {
            if (run.metrics().has(c.metric()) && shown.add(c.metric())) {
                String header = c.stat() == ResultLayout.Stat.MEAN_STD ? c.header() : c.metric().replace('_', ' ');
                parts.add(header + " " + c.format(Summary.finalValue(run.metrics(), c.metric())));
            }
        }
        return String.join(", ", parts);
    }
}
