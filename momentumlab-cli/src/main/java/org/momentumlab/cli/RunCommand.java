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

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field, e.g. --set data.mu=0.05 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "seeds: a range 0..4 or a list 0,3,7 (replaces the spec's)")
    String seeds;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the compute kernel (default: all cores; results do not depend on it)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "where run directories go (default: runs)")
    Path out = Path.of("runs");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        Kinds.Experiment spec = SpecSource.resolve(target, overrides, seeds);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new SpecException("--threads = " + t + " is out of range: must be in [1, 1024]");
        }
        RunDirectory.checkWritable(out);
        Path dir = RunDirectory.newPath(out, spec.name());
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
        overrides.forEach(o -> parts.add("--set " + o));
        if (seeds != null) {
            parts.add("--seeds " + seeds);
        }
        if (threads != null) {
            parts.add("--threads " + threads);
        }
        parts.add("--out " + out);
        return String.join(" ", parts);
    }
}
