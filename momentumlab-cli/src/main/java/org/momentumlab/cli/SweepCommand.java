package org.momentumlab.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.LocalExecutor;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.report.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** mlab sweep: expand a spec's grid × seeds into runs, execute the unfinished ones, aggregate. */
@Command(name = "sweep", description = "Run a grid of experiments over seeds (resumable), then aggregate.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET|SPEC.yaml", description = "a spec with a sweep.grid section")
    String target;

    @picocli.CommandLine.Mixin
    SpecOptions options = new SpecOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "runs at once (default: all cores)")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads per run (default: 1)")
    int threads = 1;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        SpecTree tree = SpecSource.tree(target, options.overrides, options.seeds);
        Kinds.Experiment base = Kinds.base(tree);
        SweepPlan plan = SweepPlan.of(tree, base.seeds());
        List<SweepPlan.Task> tasks = plan.tasks();
        for (SweepPlan.Task t : tasks) {
            Kinds.decode(t.spec());
        }
        int par = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (par < 1 || threads < 1) {
            throw new SpecException("--parallel and --threads must be >= 1");
        }
        RunDirectory.checkWritable(options.out);
        String name = base.name();
        SweepDirectory sweep = new SweepDirectory(options.out.resolve(name));
        sweep.prepare(tree.toYaml());
        List<SweepPlan.Task> pending = tasks.stream().filter(t -> !sweep.isFinished(t)).toList();
        var stdout = cmd.commandLine().getOut();
        stdout.printf(Locale.ROOT, "mlab sweep %s: %d grid point(s) x %d seed(s) = %d runs; %d already finished, running %d (%d at a time, %d thread(s) each)%n",
                name, plan.points().size(), plan.seeds().size(), tasks.size(), tasks.size() - pending.size(), pending.size(), par, threads);
        Instant start = Instant.now();
        new LocalExecutor(par, threads).execute(pending, (task, th) -> Kinds.runTask(task, th, sweep.taskDir(task)),
                (task, done, total, seconds) -> {
                    synchronized (stdout) {
                        stdout.printf(Locale.ROOT, "[%d/%d] %s (%.1fs)%n", done, total, task.id(), seconds);
                        stdout.flush();
                    }
                });
        stdout.printf(Locale.ROOT, "ran %d runs in %.1f s%n%n", pending.size(), (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0);
        ReportCommand.reportSweep(sweep, null, null, null, stdout);
        stdout.println("sweep directory: " + sweep.dir());
        return 0;
    }
}
