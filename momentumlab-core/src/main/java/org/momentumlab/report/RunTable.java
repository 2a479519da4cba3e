package org.momentumlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.Summary;

/**
 * The summary table of a run directory: one row per label (its fields as columns), the number of
 * seeds (and how many diverged), then the layout's columns as mean ± std of the final values over
 * seeds. Columns no run recorded are left out.
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
        groups.forEach((label, list) -> {
            List<String> r = new ArrayList<>(label.values());
            long diverged = list.stream().filter(x -> x.result() != null && x.result().diverged()).count();
            r.add(list.size() + (diverged > 0 ? " (" + diverged + " diverged)" : ""));
            for (ResultLayout.Column c : columns) {
                Summary.Stats s = Summary.finalStats(list, c.metric());
                r.add(s.count() == 0 ? "-" : s.count() == 1 ? c.format(s.mean()) : c.format(s.mean(), s.std()));
            }
            rows.add(r.toArray(String[]::new));
        });
        return rows;
    }

    /** Aligned text for the terminal. */
    public static String text(ResultLayout layout, List<RunSeries> runs) {
        return TextTable.render(rows(layout, runs));
    }

    /** Markdown (table.md). */
    public static String markdown(ResultLayout layout, List<RunSeries> runs) {
        return TextTable.markdown(rows(layout, runs));
    }

    /** One run's final values in the layout's columns, e.g. {@code train acc 100.00 %, test acc 97.30 %}. */
    public static String line(ResultLayout layout, RunSeries run) {
        List<String> parts = new ArrayList<>();
        for (ResultLayout.Column c : layout.columns()) {
            if (run.metrics().has(c.metric())) {
                parts.add(c.header() + " " + c.format(Summary.finalValue(run.metrics(), c.metric())));
            }
        }
        return String.join(", ", parts);
    }
}
