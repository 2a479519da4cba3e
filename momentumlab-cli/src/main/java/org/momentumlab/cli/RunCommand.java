package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.report.PatchReport;
import org.momentumlab.report.RunDirectory;
import org.momentumlab.util.ComputePool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Run an experiment (a preset or a spec.yaml) and write a run directory.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET|SPEC.yaml", description = "a preset (mlab list) or a spec file")
    String target;

    @picocli.CommandLine.Mixin
    SpecOptions options = new SpecOptions();

    @Option(names = "--threads", paramLabel = "N", description = "threads of the compute kernel (default: all cores; results do not depend on it)")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        Kinds.Experiment spec = SpecSource.resolve(target, options.overrides, options.seeds);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new SpecException("--threads = " + t + " is out of range: must be in [1, 1024]");
        }
        RunDirectory.checkWritable(options.out);
        Path dir = RunDirectory.newPath(options.out, spec.name());
        Path staging = RunDirectory.staging(dir);
        Thread cleanup = new Thread(() -> {
            try {
                RunDirectory.deleteTree(staging);
            } catch (IOException e) {
                // best effort on interruption
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        var stdout = cmd.commandLine().getOut();
        Instant start = Instant.now();
        List<RunSeries> runs;
        try (ComputePool pool = new ComputePool(t)) {
            ProgressPrinter progress = new ProgressPrinter(stdout, ProgressPrinter.interactive());
            if (!spec.description().isEmpty()) {
                stdout.println(spec.description());
            }
            stdout.println("mlab run " + spec.name() + ": " + spec.seeds().size() + " seed(s) x " + spec.optimizerCount()
                    + " optimizer(s), " + spec.steps() + " steps, " + t + " thread(s)");
            runs = spec.run(pool, progress);
            progress.finish();
        }
        String specYaml = new SpecTree(spec.resolved()).toYaml();
        Provenance prov = new Provenance(Provenance.projectVersion(), Provenance.currentGitCommit(), commandLine(), t,
                spec.seeds(), start, Instant.now());
        RunDirectory.write(dir, specYaml, prov, runs);
        Runtime.getRuntime().removeShutdownHook(cleanup);
        stdout.println();
        stdout.print(PatchReport.table(runs));
        stdout.printf(java.util.Locale.ROOT, "%nfinished in %.1f s; run directory: %s%n",
                (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0, dir);
        return 0;
    }

    private String commandLine() {
        List<String> parts = new ArrayList<>(List.of("mlab", "run", target));
        options.overrides.forEach(o -> parts.add("--set " + o));
        if (options.seeds != null) {
            parts.add("--seeds " + options.seeds);
        }
        if (threads != null) {
            parts.add("--threads " + threads);
        }
        parts.add("--out " + options.out);
        return String.join(" ", parts);
    }
}
