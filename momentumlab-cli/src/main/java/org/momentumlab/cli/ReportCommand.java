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
import org.momentumlab.report.SweepCorrelation;
import org.momentumlab.report.SweepReport;
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

    @Option(names = "--across", paramLabel = "OUT", description = "sweeps: also correlate across all the given sweeps, each a model "
            + "(e.g. optimizer-noise and fashion-noise): per model and pooled over the models on z-scores within each model; "
            + "OUT/correlation.md and OUT/figures/correlation.png (X,Y from --correlate, or the sweeps' sweep.correlate when they agree)")
    Path across;

    @Option(names = "--metric", paramLabel = "METRIC", description = "sweeps: metric of the table (default: the kind's first table column)")
    String metric;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        var out = cmd.commandLine().getOut();
        var err = cmd.commandLine().getErr();
        SweepAggregate.Options options = new SweepAggregate.Options(by, pivot, metric, best, correlate);
        if (across != null) {
            checkAcross();
        }
        for (Path d : dirs) {
            if (SweepDirectory.isSweep(d)) {
                Path written = SweepAggregate.write(new SweepDirectory(d), options, out, err);
                if (!written.equals(d)) {
                    out.println("written beside the default aggregate, in " + written);
                }
                continue;
            }
            if (by != null || pivot != null || metric != null || best != null || correlate != null || across != null) {
                throw new SpecException("--by, --pivot, --metric, --best, --correlate and --across apply to sweep directories; " + d + " is a run directory");
            }
            RunRecord record = RunRecord.read(d);
            if (!record.complete()) {
                err.println("mlab: warning: " + d + " is incomplete (" + record.incompleteReason() + "); drawing what was measured");
            }
            String table = RunReport.write(record, err);
            out.println(d + ":");
            out.print(table);
            out.println("figures: " + d.resolve("figures") + "; page: " + d.resolve(org.momentumlab.report.HtmlReport.FILE));
        }
        if (across != null) {
            writeAcross(out, err);
        }
        return 0;
    }

    private void checkAcross() throws IOException {
        if (dirs.size() < 2) {
            throw new SpecException("--across correlates several sweeps: give two or more sweep directories, got " + dirs.size());
        }
        Path out = across.toAbsolutePath().normalize();
        for (Path d : dirs) {
            if (!SweepDirectory.isSweep(d)) {
                throw new SpecException("--across takes sweep directories only; " + d + " is not one");
            }
            if (out.equals(d.toAbsolutePath().normalize())) {
                throw new SpecException("--across " + across + " is one of the sweep directories: give a directory of its own");
            }
        }
        if (java.nio.file.Files.exists(across) && !java.nio.file.Files.isDirectory(across)) {
            throw new SpecException("--across " + across + " exists and is not a directory");
        }
        // every check before anything is written: the metrics to correlate, and that each sweep has them
        acrossModels = new java.util.LinkedHashMap<>();
        acrossXY = correlate;
        for (Path d : dirs) {
            SweepAggregate.Finished f = SweepAggregate.finished(new SweepDirectory(d));
            if (correlate == null) {
                if (f.correlate() == null || (acrossXY != null && !acrossXY.equals(f.correlate()))) {
                    throw new SpecException("--across: give --correlate X,Y (the sweeps do not all name the same sweep.correlate; " + d + " has "
                            + (f.correlate() == null ? "none" : String.join(",", f.correlate())) + ")");
                }
                acrossXY = f.correlate();
            }
            String name = d.toAbsolutePath().normalize().getFileName().toString();
            String model = name;
            for (int k = 2; acrossModels.containsKey(model); k++) {
                model = name + " (" + k + ")";
            }
            acrossModels.put(model, f.rows());
        }
        if (acrossXY.size() != 2) {
            throw new SpecException("--correlate takes two final metrics, x,y (e.g. noise_level_tail,test_acc), got " + acrossXY);
        }
        for (var e : acrossModels.entrySet()) {
            for (String c : acrossXY) {
                if (e.getValue().stream().noneMatch(r -> r.finals().containsKey(c))) {
                    throw new SpecException("--correlate: " + c + " is not a final metric of the runs of " + e.getKey());
                }
            }
        }
    }

    private java.util.Map<String, List<SweepReport.Row>> acrossModels;
    private List<String> acrossXY;

    /** The correlation across the sweeps, each a model named by its directory (checked by {@link #checkAcross}). */
    private void writeAcross(java.io.PrintWriter out, java.io.PrintWriter err) throws IOException {
        java.util.Map<String, List<SweepReport.Row>> models = acrossModels;
        List<String> xy = acrossXY;
        String md = SweepCorrelation.writeAcross(models, xy.get(0), xy.get(1), "smoothing", across, err);
        out.println("across " + models.size() + " sweeps:");
        out.print(md.replaceAll("(?m)^\\|", "  |"));
        out.println("correlation: " + across.resolve("correlation.md") + ", " + across.resolve("figures/correlation.png"));
    }
}
