package org.momentumlab.experiment.sweep;

import java.nio.file.Path;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.rundir.RunExecution;

/**
 * Turns a sweep task (its id and its spec tree) into a finished run directory of the sweep, with no
 * figures: the only thing an executor calls. A task that fails after it started is kept as
 * {@code TASK.incomplete} and re-runs when the sweep is resumed.
 */
public final class SweepTaskRunner implements SweepExecutor.TaskRunner {
    private final SweepDirectory sweep;

    public SweepTaskRunner(SweepDirectory sweep) {
        this.sweep = sweep;
    }

    @Override
    public void run(SweepPlan.Task task, int threads) throws Exception {
        Spec<?> spec = ExperimentKinds.bind(task.spec());
        Path dir = sweep.taskDir(task);
        RunExecution.execute(spec, dir, threads, "mlab sweep task " + task.id(), ExperimentListener.NONE);
        RunDirectory.deleteTree(RunDirectory.incomplete(dir));
    }
}
