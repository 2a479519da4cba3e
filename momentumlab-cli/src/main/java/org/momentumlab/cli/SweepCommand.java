package org.momentumlab.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.rundir.RunExecution;
import org.momentumlab.experiment.sweep.LocalExecutor;
import org.momentumlab.experiment.sweep.SweepExecutor;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.sweep.SweepTaskRunner;
import org.momentumlab.report.SweepAggregate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** mlab sweep: expand a spec's grid × seeds into tasks, run the unfinished ones, aggregate. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of experiments over seeds (resumable: run the same command again), then aggregate.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET|SPEC.yaml", description = "a spec with a sweep.grid section, or several seeds")
    String target;

    @picocli.CommandLine.Mixin
    SpecOptions options = new SpecOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "runs at once (default: all cores)")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads per run (default: 1)")
    int threads = 1;

    @Option(names = "--executor", paramLabel = "local|spark", description = "where the runs execute: local (a thread pool here, the default) "
            + "or spark (Apache Spark; ./mlab adds the Spark module)")
    String executor = "local";

    @Option(names = "--master", paramLabel = "URL", description = "with --executor spark: the Spark master, local[N] (default: spark-submit's master, else local[--parallel]), "
            + "local[N,F] (F tries per task), spark://HOST:PORT; the sweep directory must be on a filesystem every executor sees")
    String master;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        SpecTree tree = SpecSource.tree(target, options.overrides, options.seeds);
        Spec<?> base = ExperimentKinds.bind(SweepPlan.of(tree, List.of(0L)).base());
        SweepPlan plan = SweepPlan.of(tree, base.seeds());
        if (plan.grid().isEmpty() && plan.seeds().size() < 2) {
            throw new SpecException(base.name() + " has nothing to sweep (no sweep.grid and one seed): give a grid with --set 'sweep.grid.KEY=[A, B]'"
                    + " or seeds with --seeds 0..4, or use mlab run");
        }
        org.momentumlab.report.SweepAggregate.claims(tree, plan); // the claims' grid axes exist (checked before anything runs)
        List<SweepPlan.Task> tasks = plan.tasks();
        for (SweepPlan.Task t : tasks) {
            ExperimentKinds.bind(t.spec());
        }
        int par = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (par < 1 || threads < 1 || par > 1024 || threads > 1024) {
            throw new SpecException("--parallel and --threads must be in [1, 1024]");
        }
        var out = cmd.commandLine().getOut();
        var err = cmd.commandLine().getErr();
        if (!executor.equals("local") && !executor.equals("spark")) {
            throw new SpecException("--executor " + executor + " is not an executor: give local or spark");
        }
        if (master != null && !executor.equals("spark")) {
            throw new SpecException("--master applies to --executor spark");
        }
        int most = base.kind().maxParallelRuns();
        if (par > most) {
            if (parallel != null) {
                err.println("mlab: note: " + base.kind().id() + " runs at most " + most + " at a time in one process; running " + most + " at a time");
            }
            par = most;
        }
        Terminal.warnThreads(err, "--parallel " + par + " x --threads " + threads, par * threads);
        RunDirectory.checkWritable(options.out);
        SweepDirectory sweep = new SweepDirectory(options.out.resolve(base.name()));
        // under spark-submit the master is Spark's configuration (the spark.master property)
        String sparkMaster = master != null ? master : System.getProperty("spark.master", "local[" + par + "]");
        SweepExecutor runOn = executor.equals("spark") ? spark(sparkMaster, threads, sweep, plan.seeds(), most == 1)
                : new LocalExecutor(par, threads);
        sweep.prepare(tree.toYaml());
        List<SweepPlan.Task> pending = tasks.stream().filter(t -> !sweep.isFinished(t)).toList();
        String how = executor.equals("spark") ? String.format(Locale.ROOT, "on Spark, master %s, %d thread(s) each; progress as run directories appear",
                sparkMaster, threads) : String.format(Locale.ROOT, "%d at a time, %d thread(s) each", par, threads);
        out.printf(Locale.ROOT, "mlab sweep %s: %d grid point(s) x %d seed(s) = %d runs; %d already finished, running %d (%s)%n",
                base.name(), plan.points().size(), plan.seeds().size(), tasks.size(), tasks.size() - pending.size(), pending.size(), how);
        out.flush();
        Instant start = Instant.now();
        Interrupts.during(kept -> "mlab: interrupted; " + finished(sweep) + " of " + tasks.size() + " runs are finished in " + sweep.dir()
                + (kept.isEmpty() ? "" : "; the " + kept.size() + " in progress are kept marked incomplete")
                + "; run the same command again to resume");
        try {
            runOn.execute(pending, new SweepTaskRunner(sweep), (task, done, total, seconds) -> {
                synchronized (out) {
                    // the time left from this sweep's own clock (an executor's seconds are a task's, or since its start)
                    double elapsed = java.time.Duration.between(start, Instant.now()).toNanos() / 1e9;
                    out.printf(Locale.ROOT, "[%d/%d] %s (%.1fs%s)%n", done, total, task.id(), seconds, eta(done, total, elapsed));
                    out.flush();
                }
            });
        } catch (org.momentumlab.experiment.sweep.RemoteTaskFailure f) {
            err.println("mlab: a sweep run failed on Spark: " + f.getMessage() + "; the finished runs are kept, run the same command again to resume");
            return 1;
        } catch (RunExecution.Failed f) {
            Throwable c = f.getCause();
            err.println("mlab: a sweep run failed: " + Errors.reason(c)
                    + (f.kept() == null ? "" : "; what it measured is kept in " + f.kept())
                    + "; the finished runs are kept, run the same command again to resume");
            if (!(c instanceof SpecException) && !(c instanceof java.io.UncheckedIOException)) {
                c.printStackTrace(err);
            }
            return c instanceof SpecException ? Mlab.USER_ERROR : 1;
        } finally {
            Interrupts.done();
        }
        out.printf(Locale.ROOT, "ran %d runs in %.1f s%n%n", pending.size(), (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0);
        SweepAggregate.write(sweep, SweepAggregate.Options.DEFAULT, out, err);
        out.println("sweep directory: " + sweep.dir());
        return 0;
    }

    /**
     * The time left, from the pace so far: the runs left times the wall time per finished run since the
     * sweep started ({@code seconds}; the same number of runs at once all along); empty when none is left.
     */
    static String eta(int done, int total, double seconds) {
        if (done >= total || done <= 0) {
            return "";
        }
        long left = Math.round(seconds / done * (total - done));
        return left < 120 ? ", about " + left + " s left" : String.format(Locale.ROOT, ", about %d min %02d s left", left / 60, left % 60);
    }

    /**
     * The Spark executor, from the optional momentumlab-spark module (on the class path when ./mlab is
     * asked for --executor spark). A kind that runs one run per process (the deep-network kinds: one
     * gradient collector per JVM) gets one task per executor JVM at a time.
     */
    private static SweepExecutor spark(String master, int threads, SweepDirectory sweep, List<Long> seeds, boolean onePerProcess) {
        try {
            Class<?> c = Class.forName("org.momentumlab.spark.SparkExecutor");
            return (SweepExecutor) c.getConstructor(String.class, int.class, java.nio.file.Path.class, List.class, boolean.class)
                    .newInstance(master, threads, sweep.dir(), seeds, onePerProcess);
        } catch (ClassNotFoundException e) {
            throw new SpecException("--executor spark needs MomentumLab's Spark module on the class path: run mlab sweep through ./mlab, "
                    + "which builds and adds it (its first build fetches Spark from Maven Central, about 250 MB)");
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int finished(SweepDirectory sweep) {
        try {
            return sweep.finishedRuns().size();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
