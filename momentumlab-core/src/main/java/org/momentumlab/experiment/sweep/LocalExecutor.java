package org.momentumlab.experiment.sweep;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.momentumlab.util.Check;

/**
 * Runs sweep tasks on this machine: {@code parallel} tasks at a time, each with
 * {@code threadsPerTask} kernel threads (default: one task per core, one thread each). Results do
 * not depend on either number.
 */
public final class LocalExecutor implements SweepExecutor {
    private final int parallel;
    private final int threadsPerTask;

    public LocalExecutor(int parallel, int threadsPerTask) {
        this.parallel = Check.atLeast("--parallel", parallel, 1);
        this.threadsPerTask = Check.atLeast("--threads", threadsPerTask, 1);
    }

    public int parallel() {
        return parallel;
    }

    @Override
    public void execute(List<SweepPlan.Task> tasks, TaskRunner runner, Listener listener) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "mlab-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            List<Future<?>> futures = tasks.stream().<Future<?>>map(task -> pool.submit(() -> {
                if (failure.get() != null) {
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    runner.run(task, threadsPerTask);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                listener.taskFinished(task, done.incrementAndGet(), tasks.size(), (System.nanoTime() - t0) / 1e9);
            })).toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
