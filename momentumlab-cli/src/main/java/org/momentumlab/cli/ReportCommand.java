package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.report.PatchReport;
import org.momentumlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Re-draw the figures and tables of finished run directories (no training).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN-DIR", description = "run directories written by mlab run")
    List<Path> dirs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        var out = cmd.commandLine().getOut();
        List<List<RunSeries>> all = dirs.stream().map(RunDirectory::readRuns).toList();
        for (int i = 0; i < dirs.size(); i++) {
            RunDirectory.writeReport(dirs.get(i), all.get(i));
            out.println(dirs.get(i) + ":");
            out.print(PatchReport.table(all.get(i)));
            out.println("figures: " + dirs.get(i).resolve("figures"));
        }
        return 0;
    }
}
