package org.momentumlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.AtomicFiles;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.report.PatchReport;
import org.momentumlab.report.RunDirectory;
import org.momentumlab.report.SweepReport;
import org.momentumlab.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Re-draw figures and tables of finished run or sweep directories (no training).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run directories (mlab run) or sweep directories (mlab sweep)")
    List<Path> dirs;

    @Option(names = "--by", split = ",", paramLabel = "KEY", description = "sweeps: spec fields to group by (default: the grid keys)")
    List<String> by;

    @Option(names = "--pivot", split = ",", paramLabel = "ROWS,COLUMNS", description = "sweeps: fields for the rows and columns of the table (default: last and first grid key)")
    List<String> pivot;

    @Option(names = "--metric", paramLabel = "METRIC", description = "sweeps: metric of the table (default: test_acc)")
    String metric;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        var out = cmd.commandLine().getOut();
        for (Path d : dirs) {
            if (SweepDirectory.isSweep(d)) {
                reportSweep(new SweepDirectory(d), by, pivot, metric, out);
                continue;
            }
            List<RunSeries> runs = RunDirectory.readRuns(d);
            RunDirectory.writeReport(d, runs);
            out.println(d + ":");
            out.print(PatchReport.table(runs));
            out.println("figures: " + d.resolve("figures"));
        }
        return 0;
    }

    /** Aggregates a sweep directory: aggregate.csv, aggregate.md, table.md/csv and figures/table.png|svg. */
    static void reportSweep(SweepDirectory sweep, List<String> by, List<String> pivot, String metric, PrintWriter out) throws IOException {
        SweepPlan plan = SweepPlan.of(sweep.spec(), List.of(0L));
        List<String> grid = plan.keys();
        List<String> keys = by == null ? grid : by;
        // runs in grid order (so tables list values as the grid does), then any others by name
        List<String> order = plan.points().stream().map(p -> new SweepPlan.Task(p, 0, null).dirName().replaceAll(",seed=0$", ",seed=")).toList();
        List<Path> finished = new ArrayList<>(sweep.finishedRuns());
        finished.sort(java.util.Comparator.comparingInt(d -> {
            String n = d.getFileName().toString();
            int i = order.indexOf(n.substring(0, n.lastIndexOf(",seed=") + 6));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        if (finished.isEmpty()) {
            throw new SpecException(sweep.dir() + " has no finished runs yet");
        }
        List<SweepReport.Group> groups = SweepReport.aggregate(SweepReport.rows(finished, keys));
        AtomicFiles.write(sweep.dir().resolve("aggregate.csv"), SweepReport.csv(groups, keys));
        String m = metric == null ? "test_acc" : metric;
        if (groups.stream().noneMatch(g -> g.stats().containsKey(m))) {
            throw new SpecException("--metric " + m + " is not a final metric of these runs; known: " + groups.get(0).stats().keySet());
        }
        String rowKey;
        String colKey;
        if (pivot != null) {
            if (pivot.size() > 2 || !keys.containsAll(pivot)) {
                throw new SpecException("--pivot takes one or two of the grouping fields " + keys + ", got " + pivot);
            }
            rowKey = pivot.get(0);
            colKey = pivot.size() > 1 ? pivot.get(1) : null;
        } else if (keys.isEmpty()) {
            throw new SpecException(sweep.dir() + " has no grid: give --by KEY to group its runs");
        } else {
            rowKey = keys.get(keys.size() - 1);
            colKey = keys.size() > 1 ? keys.get(0) : null;
        }
        List<String[]> table = SweepReport.pivot(groups, rowKey, colKey, m);
        AtomicFiles.write(sweep.dir().resolve("table.md"), "Test metric: " + m + " (mean ± std over seeds"
                + (m.contains("acc") ? ", %" : "") + ")\n\n" + TextTable.markdown(table));
        StringBuilder csv = new StringBuilder();
        table.forEach(r -> csv.append(String.join(",", List.of(r).stream().map(c -> "\"" + c + "\"").toList())).append('\n'));
        AtomicFiles.write(sweep.dir().resolve("table.csv"), csv.toString());
        SweepReport.writePivotFigure(groups, rowKey, colKey, m, sweep.dir().resolve("figures"), "table");
        out.println(sweep.dir() + ": " + finished.size() + " finished runs; " + m + " as mean ± std over seeds"
                + (m.contains("acc") ? " (%)" : "") + ":");
        out.print(TextTable.render(table, false));
        out.println("aggregate: " + sweep.dir().resolve("aggregate.csv") + "; figure: " + sweep.dir().resolve("figures/table.png"));
    }
}
