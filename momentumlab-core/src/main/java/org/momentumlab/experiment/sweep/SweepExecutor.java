package org.momentumlab.experiment.sweep;

import java.util.List;

/**
 * Runs the tasks of a sweep. The local executor uses a thread pool on this machine; a distributed
 * engine can implement the same interface without touching experiments: a task is self-contained
 * (its spec tree and seed), and its {@link TaskRunner} writes its result where the sweep expects it.
 */
public interface SweepExecutor {

    /** Runs a task: trains it with the given kernel threads and writes its complete result. */
    interface TaskRunner {
        void run(SweepPlan.Task task, int threads) throws Exception;
    }

    /** Progress of a sweep; may be called from several threads. */
    interface Listener {
        void taskFinished(SweepPlan.Task task, int done, int total, double seconds);

        Listener NONE = (task, done, total, seconds) -> { };
    }

    /**
     * Runs every task and returns when all have finished. If a task fails, no new task is started,
     * running ones finish, and the first failure is rethrown.
     */
    void execute(List<SweepPlan.Task> tasks, TaskRunner runner, Listener listener) throws Exception;
}
