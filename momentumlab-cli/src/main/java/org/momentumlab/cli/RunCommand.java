package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.PhaseTimes;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.rundir.RunExecution;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment (a preset or a spec.yaml) and write a run directory: results first, then table and figures.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PRESET|SPEC.yaml", description = "a preset (mlab list) or a spec file")
    String target;

    @Option(names = "--resume", paramLabel = "RUN-DIR", description = "continue an interrupted run directory (NAME.incomplete) with its own spec: "
            + "runs of kinds that save checkpoints continue from their last one, to the same results as an uninterrupted run; the others start again")
    Path resume;

    @picocli.CommandLine.Mixin
    SpecOptions options = new SpecOptions();

    @Option(names = "--threads", paramLabel = "N", description = "threads of the compute kernel (default: all cores; results do not depend on it)")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        Path resumeFrom = null;
        Path resumeDir = null;
        Spec<?> spec;
        if (resume != null) {
            if (target != null || !options.overrides.isEmpty() || options.seeds != null) {
                throw new SpecException("--resume continues " + resume + " with its own spec: give no PRESET|SPEC.yaml, --set or --seeds");
            }
            resumeDir = Resume.incompleteDir(resume);
            spec = SpecSource.bind(resumeDir.resolve(RunDirectory.SPEC).toString(), List.of(), null);
            resumeFrom = resumeDir.resolve(org.momentumlab.experiment.Checkpoints.DIR);
        } else if (target == null) {
            throw new SpecException("give a preset (mlab list) or a spec file, or --resume RUN-DIR");
        } else {
            spec = SpecSource.bind(target, options.overrides, options.seeds);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new SpecException("--threads = " + t + " is out of range: must be in [1, 1024]");
        }
        var out = cmd.commandLine().getOut();
        var err = cmd.commandLine().getErr();
        Terminal.warnThreads(err, "--threads " + t, t);
        Path dir;
        if (resumeDir != null) {
            dir = Resume.target(resumeDir);
            RunDirectory.checkWritable(dir.getParent());
        } else {
            RunDirectory.checkWritable(options.out);
            dir = RunDirectory.newPath(options.out, spec.name());
        }
        if (!spec.description().isEmpty()) {
            out.println(spec.description());
        }
        out.println("mlab run " + spec.name() + ": " + spec.plan().describe() + ", " + t + " thread(s)");
        out.flush();
        Instant start = Instant.now();
        FigureWarmUp warm = new FigureWarmUp(new ProgressPrinter(out, Terminal.interactive(), spec.layout())); // the drawing code loads while the experiment runs
        PhaseTimes times;
        Interrupts.during(kept -> kept.isEmpty() ? "mlab: interrupted before anything was measured; nothing was written"
                : "mlab: interrupted; what was measured is kept in " + kept.get(0) + " (marked incomplete: mlab report draws it, sweeps never count it;"
                        + " mlab run --resume " + kept.get(0) + " continues it)");
        try {
            RunExecution.Result result;
            try (warm) {
                result = RunExecution.execute(spec, dir, t, commandLine(), warm.listener(), resumeFrom);
            }
            dir = result.dir();
            times = result.times();
            if (resumeDir != null) {
                RunDirectory.deleteTree(resumeDir); // its results are now complete in dir
            }
        } catch (RunExecution.Failed f) {
            Throwable c = f.getCause();
            err.println("mlab: the run failed: " + Errors.reason(c)
                    + (f.kept() == null ? "" : "; what was measured is kept in " + f.kept() + " (mlab run --resume " + f.kept() + " continues it)"));
            if (!(c instanceof SpecException) && !(c instanceof java.io.UncheckedIOException)) {
                c.printStackTrace(err);
            }
            return c instanceof SpecException ? Mlab.USER_ERROR : 1;
        } finally {
            Interrupts.done();
        }
        Path finished = dir;
        Interrupts.during(kept -> "mlab: interrupted while drawing; the results are complete in " + finished + " (mlab report " + finished + " draws the figures)");
        long drawStart = System.nanoTime();
        try {
            String table = RunReport.write(RunRecord.read(dir), err);
            out.println();
            out.print(table);
        } finally {
            Interrupts.done();
        }
        times.add("report", System.nanoTime() - drawStart);
        double total = (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0;
        out.printf(java.util.Locale.ROOT, "%nfinished in %.1f s (%s); run directory: %s%n", total, split(times, total, spec.plan()), dir);
        if (java.nio.file.Files.isRegularFile(dir.resolve(org.momentumlab.report.HtmlReport.FILE))) {
            out.println("report: " + dir.toAbsolutePath().normalize().resolve(org.momentumlab.report.HtmlReport.FILE) + " (open it in a browser; it needs no network)");
        }
        return 0;
    }

    /**
     * The time split: data, kernel and optimizer (training without probes), probes, the JIT's share
     * of the first 100 steps (their excess over the steady per-step time), report, other.
     */
    static String split(PhaseTimes times, double total, org.momentumlab.experiment.RunPlan plan) {
        var s = times.seconds();
        double data = s.getOrDefault("data", 0.0);
        double training = s.getOrDefault("training", 0.0);
        double probes = s.getOrDefault("probes", 0.0);
        double report = s.getOrDefault("report", 0.0);
        double kernel = training - probes;
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (data > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "data %.1f s", data));
        }
        if (training > 0) {
            String warmup = "";
            Double first = s.get("first_100_steps");
            long steps = (long) plan.runs() * plan.steps();
            if (first != null && steps > 200) {
                double steady = (training - first) / (steps - 100);
                warmup = String.format(java.util.Locale.ROOT, " (JIT warm-up about %.1f s of it)", Math.max(0, first - 100 * steady));
            }
            parts.add(String.format(java.util.Locale.ROOT, "loss+gradient and updates %.1f s%s", kernel, warmup));
            parts.add(String.format(java.util.Locale.ROOT, "probes %.1f s", probes));
        }
        parts.add(String.format(java.util.Locale.ROOT, "report %.1f s", report));
        parts.add(String.format(java.util.Locale.ROOT, "other %.1f s", Math.max(0, total - data - training - report)));
        return String.join(", ", parts);
    }

    private String commandLine() {
        if (resume != null) {
            return "mlab run --resume " + resume + (threads != null ? " --threads " + threads : "");
        }
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
