package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.report.RunReport;
import org.momentumlab.report.SweepAggregate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-draw tables and figures of run or sweep directories from their files (no training).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run directories (mlab run) or sweep directories (mlab sweep)")
    List<Path> dirs;

    @Option(names = "--by", split = ",", paramLabel = "KEY", description = "sweeps: spec fields to group by (default: the grid keys)")
    List<String> by;

    @Option(names = "--pivot", split = ",", paramLabel = "ROWS,COLUMNS", description = "sweeps: fields for the rows and columns of the table (default: last and first grouping field)")
    List<String> pivot;

    @Option(names = "--best", paramLabel = "AXIS[,AXIS]", description = "sweeps: for each label (e.g. optimizer), keep the value of grid axis AXIS "
            + "(or the combination of several axes) with the best mean of the metric (highest; lowest for a loss, error or norm) and say which it picked (default: the spec's sweep.best)")
    String best;

    @Option(names = "--correlate", split = ",", paramLabel = "X,Y", description = "sweeps: the correlation of final metric Y with X across "
            + "the runs (Pearson and Spearman with bootstrap intervals, per label and pooled; and with smoothing where recorded), "
            + "correlation.md and figures/correlation.png (default: the spec's sweep.correlate)")
    List<String> correlate;

    @Option(names = "--metric", paramLabel = "METRIC", description = "sweeps: metric of the table (default: the kind's first table column)")
    String metric;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        var out = cmd.commandLine().getOut();
        var err = cmd.commandLine().getErr();
        SweepAggregate.Options options = new SweepAggregate.Options(by, pivot, metric, best, correlate);
        for (Path d : dirs) {
            if (SweepDirectory.isSweep(d)) {
                Path written = SweepAggregate.write(new SweepDirectory(d), options, out, err);
                if (!written.equals(d)) {
                    out.println("written beside the default aggregate, in " + written);
                }
                continue;
            }
            if (by != null || pivot != null || metric != null || best != null || correlate != null) {
                throw new SpecException("--by, --pivot, --metric, --best and --correlate apply to sweep directories; " + d + " is a run directory");
            }
            RunRecord record = RunRecord.read(d);
            if (!record.complete()) {
                err.println("mlab: warning: " + d + " is incomplete (" + record.incompleteReason() + "); drawing what was measured");
            }
            String table = RunReport.write(record, err);
            out.println(d + ":");
            out.print(table);
            out.println("figures: " + d.resolve("figures"));
        }
        return 0;
    }
}
