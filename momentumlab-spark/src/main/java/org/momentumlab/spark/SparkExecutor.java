package org.momentumlab.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.sweep.RemoteTaskFailure;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepExecutor;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.sweep.SweepTaskRunner;

/**
 * Runs a sweep's tasks on Apache Spark: the driver (this process) has planned the tasks and skipped
 * the finished ones; each Spark task is the task's id, and the executor that runs it re-plans the
 * sweep from the sweep directory's {@code sweep.yaml} (the same plan: task ids depend only on the
 * spec and seeds), then runs {@link SweepTaskRunner}, which writes the run directory into the sweep
 * directory through the same atomic completion as a local run. So the sweep directory must be on a
 * filesystem every executor sees (one machine, or NFS/Lustre on a cluster): results travel as files,
 * never through the driver, whatever their size, and a finished run is durable the moment it is
 * renamed into place, which is what makes an interrupted sweep resume task by task. Spark retries a
 * failed task (its {@code spark.task.maxFailures}; in local mode give {@code local[N,F]}); a task that
 * fails every try fails the sweep, and the finished runs stay. On a cluster master the executors
 * load MomentumLab from this driver's class path ({@code spark.executor.extraClassPath}), so the
 * installation too must be where every worker sees it. Any {@code -Dspark.*} system property (e.g.
 * {@code MLAB_JAVA_OPTS=-Dspark.executor.memory=4g}) is passed to Spark as its configuration.
 * (Hadoop's client is 3.5: Spark 4.1's own 3.4 looks up an executor's user through
 * Subject.getSubject, which Java 24 and later refuse, so cluster executors on Java 25 stopped at start.)
 */
public final class SparkExecutor implements SweepExecutor {
    private final String master;
    private final int threadsPerTask;
    private final Path sweepDir;
    private final List<Long> seeds;
    private final boolean onePerProcess;

    /**
     * @param master         Spark master URL: {@code local[N]}, {@code local[N,F]} (F tries per task), {@code spark://HOST:PORT}
     * @param threadsPerTask kernel threads per run
     * @param sweepDir       the sweep directory (on a filesystem every executor sees)
     * @param seeds          the seeds the driver planned with
     */
    public SparkExecutor(String master, int threadsPerTask, Path sweepDir, List<Long> seeds) {
        this(master, threadsPerTask, sweepDir, seeds, false);
    }

    /**
     * As above; {@code onePerProcess} for kinds that run one run per JVM at a time (the deep-network
     * kinds: DJL records gradients with one collector per process): in local mode the tasks then run
     * one at a time, on a cluster one per executor JVM ({@code spark.executor.cores = 1}).
     */
    public SparkExecutor(String master, int threadsPerTask, Path sweepDir, List<Long> seeds, boolean onePerProcess) {
        if (master == null || !(master.matches("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?") || master.matches("spark://[^\\s]+:[0-9]+(,[^\\s]+:[0-9]+)*"))) {
            throw new SpecException("--master " + master + " is not a Spark master: give local[N], local[N,F] (F tries per task) or spark://HOST:PORT");
        }
        this.master = master;
        this.threadsPerTask = threadsPerTask;
        this.sweepDir = sweepDir.toAbsolutePath().normalize();
        this.seeds = List.copyOf(seeds);
        this.onePerProcess = onePerProcess;
    }

    /** The master to use: a local master keeps its tries but runs one task at a time where the kind runs one per process. */
    String effectiveMaster() {
        if (onePerProcess && master.startsWith("local")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(?:\\*|[0-9]+)(,[0-9]+)?\\])?").matcher(master);
            return m.matches() && m.group(1) != null ? "local[1" + m.group(1) + "]" : "local[1]";
        }
        return master;
    }

    @Override
    public void execute(List<SweepPlan.Task> tasks, TaskRunner runner, Listener listener) throws Exception {
        if (tasks.isEmpty()) {
            return;
        }
        SparkConf conf = new SparkConf().setAppName("mlab sweep " + sweepDir.getFileName()).setMaster(effectiveMaster())
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) { // nothing outside this process: the loopback address, whatever the host's name resolves to
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (onePerProcess) {
            conf.set("spark.executor.cores", "1");
        }
        if (!master.startsWith("local")) {
            conf.set("spark.task.cpus", Integer.toString(threadsPerTask)); // a run's kernel threads are its task's cores
            // executors load MomentumLab from the same paths as this driver: the installation (like the
            // sweep directory) must be on a filesystem every worker sees
            // (unless the configuration names it: ./mlab spark-submit gives the application class path)
            if (!conf.contains("spark.executor.extraClassPath")) {
                conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            }
        }
        String dir = sweepDir.toString();
        List<Long> planSeeds = new ArrayList<>(seeds);
        int threads = threadsPerTask;
        List<String> ids = tasks.stream().map(SweepPlan.Task::id).toList();
        SweepDirectory sweep = new SweepDirectory(sweepDir);
        Progress progress = new Progress(sweep, tasks, listener);
        progress.start();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("ERROR");
            sc.parallelize(ids, ids.size()).foreach(id -> SparkTask.run(dir, planSeeds, id, threads));
        } catch (Exception e) { // Scala declares no checked exceptions: a failed job arrives as SparkException all the same
            if (e instanceof org.apache.spark.SparkException) {
                throw new RemoteTaskFailure(reason(e));
            }
            throw e;
        } finally {
            progress.finish();
        }
    }

    /** The task's own error, as Spark reports it ("... most recent failure: Lost task ...: java.io...: message"), in one line. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int at = m.indexOf("most recent failure:");
        String line = (at >= 0 ? m.substring(at + "most recent failure:".length()) : m).strip().split("\\R")[0];
        return line.replaceFirst("^Lost task [^:]*\\):\\s*", "");
    }

    /** What an executor runs for one task id (static: nothing but the id, the directory and the seeds travels). */
    static final class SparkTask {
        private SparkTask() {
        }

        static void run(String dir, List<Long> seeds, String id, int threads) throws Exception {
            SweepDirectory sweep = new SweepDirectory(Path.of(dir));
            SweepPlan plan = SweepPlan.of(sweep.spec(), seeds);
            SweepPlan.Task task = plan.tasks().stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("task " + id + " is not in the plan of " + dir + "/sweep.yaml"));
            if (!sweep.isFinished(task)) { // a retried task whose first try finished is not run twice
                new SweepTaskRunner(sweep).run(task, threads);
            }
        }
    }

    /** Progress on the driver: the finished run directories appearing in the sweep directory, in the order they appear. */
    private static final class Progress extends Thread {
        private final SweepDirectory sweep;
        private final List<SweepPlan.Task> tasks;
        private final Listener listener;
        private final Set<String> seen = new LinkedHashSet<>();
        private final long start = System.nanoTime();
        private volatile boolean done;

        Progress(SweepDirectory sweep, List<SweepPlan.Task> tasks, Listener listener) {
            super("mlab-spark-progress");
            setDaemon(true);
            this.sweep = sweep;
            this.tasks = tasks;
            this.listener = listener;
        }

        @Override
        public void run() {
            while (!done) {
                poll();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void poll() {
            for (SweepPlan.Task t : tasks) {
                if (!seen.contains(t.id()) && sweep.isFinished(t)) {
                    seen.add(t.id());
                    listener.taskFinished(t, seen.size(), tasks.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        }

        void finish() throws InterruptedException {
            done = true;
            interrupt();
            join();
            poll();
        }
    }
}
