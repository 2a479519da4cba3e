package org.momentumlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.LocalExecutor;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepExecutor;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.sweep.SweepTaskRunner;
import org.momentumlab.report.SweepAggregate;

/**
 * The Spark executor on an embedded local[2] master gives the local executor's results bit for bit
 * (a small Table 1 sweep: aggregate.csv and table.md byte-identical), reports progress as run
 * directories appear, resumes (finished tasks are not planned again), and refuses a bad master.
 */
class SparkExecutorTest {

    static SpecTree smallTable1() {
        SpecTree t = SpecTree.preset("teacher-student");
        t.override("seeds=[0, 1]");
        t.override("data.n_train=200");
        t.override("data.n_test=500");
        t.override("train.epochs=60");
        t.override("sweep.grid.teacher.arch=[linear, 1-mlp]");
        t.override("sweep.grid.student=[{student.arch: 1-mlp, optimizers.gd.lr: 1.0, optimizers.gdm.lr: 1.0}, "
                + "{student.arch: 1-cnn, optimizers.gd.lr: 0.5, optimizers.gdm.lr: 0.5}]");
        return t;
    }

    /** The small Table 1 sweep into {@code out}: on Spark at {@code master}, or on the local executor (null). */
    static Path runSweep(Path out, String master, List<String> progress) throws Exception {
        SpecTree tree = smallTable1();
        SweepPlan plan = SweepPlan.of(tree, List.of(0L, 1L));
        SweepDirectory sweep = new SweepDirectory(out.resolve("teacher-student"));
        sweep.prepare(tree.toYaml());
        List<SweepPlan.Task> pending = plan.tasks().stream().filter(t -> !sweep.isFinished(t)).toList();
        SweepExecutor executor = master != null ? new SparkExecutor(master, 1, sweep.dir(), plan.seeds()) : new LocalExecutor(2, 1);
        executor.execute(pending, new SweepTaskRunner(sweep), (task, done, total, seconds) -> progress.add(done + "/" + total + " " + task.id()));
        SweepAggregate.write(sweep, SweepAggregate.Options.DEFAULT, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return sweep.dir();
    }

    @Test
    void sparkLocalGivesTheLocalExecutorsTablesBitForBit(@TempDir Path tmp) throws Exception {
        List<String> localProgress = new CopyOnWriteArrayList<>();
        Path local = runSweep(tmp.resolve("local"), null, localProgress);
        List<String> sparkProgress = new CopyOnWriteArrayList<>();
        Path spark = runSweep(tmp.resolve("spark"), "local[2]", sparkProgress);
        for (String f : List.of("aggregate.csv", "table.md", "table.csv")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(spark.resolve(f)), f + " differs between the executors");
        }
        assertEquals(8, new SweepDirectory(spark).finishedRuns().size());
        assertEquals(8, sparkProgress.size(), sparkProgress.toString());
        assertTrue(sparkProgress.get(7).startsWith("8/8 "), sparkProgress.toString());
        // every run's metrics are the same bytes too
        for (Path run : new SweepDirectory(local).finishedRuns()) {
            Path other = spark.resolve("runs").resolve(run.getFileName());
            assertArrayEquals(Files.readAllBytes(run.resolve("metrics.csv")), Files.readAllBytes(other.resolve("metrics.csv")), run.getFileName().toString());
        }
        // resume: everything finished, nothing runs again
        List<String> again = new CopyOnWriteArrayList<>();
        runSweep(tmp.resolve("spark"), "local[2]", again);
        assertEquals(List.of(), again);
    }

    @Test
    void refusesWhatIsNotAMaster(@TempDir Path tmp) {
        SpecException e = assertThrows(SpecException.class, () -> new SparkExecutor("local[0]", 1, tmp, List.of(0L)));
        assertEquals("--master local[0] is not a Spark master: give local[N], local[N,F] (F tries per task) or spark://HOST:PORT", e.getMessage());
        assertThrows(SpecException.class, () -> new SparkExecutor("yarn", 1, tmp, List.of(0L))); // not built in
        // a task's failure comes back as Spark's text: one line, the task's own error
        assertEquals("java.io.UncheckedIOException: cannot write /x/y", SparkExecutor.reason(new org.apache.spark.SparkException(
                "Job aborted due to stage failure: Task 0 in stage 0.0 failed 1 times, most recent failure: Lost task 0.0 in stage 0.0 (TID 0) "
                + "(127.0.0.1 executor driver): java.io.UncheckedIOException: cannot write /x/y\n\tat org.momentumlab.X.run(X.java:1)")));
        assertEquals("local[2,3]", new SparkExecutor("local[2,3]", 1, tmp, List.of(0L)).effectiveMaster());
        assertEquals("spark://127.0.0.1:7077", new SparkExecutor("spark://127.0.0.1:7077", 1, tmp, List.of(0L), true).effectiveMaster());
        // a kind that runs one run per process: local masters run one task at a time, keeping their tries
        assertEquals("local[1,3]", new SparkExecutor("local[4,3]", 1, tmp, List.of(0L), true).effectiveMaster());
        assertEquals("local[1]", new SparkExecutor("local[*]", 1, tmp, List.of(0L), true).effectiveMaster());
    }
}
