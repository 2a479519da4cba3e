package org.momentumlab.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.report.RunFigures;

/**
 * Loads and compiles the drawing code ({@link RunFigures#warmUp}) on a background thread while an
 * experiment trains, so that its figures are drawn warm; but only once the experiment's own hot code
 * is compiled: after {@link #AFTER_STEPS} steps of the first run (the JIT warm-up that
 * {@code mlab run} reports), after the first run finishes, or {@link #AFTER_SECONDS} s after the
 * start, whichever comes first. Started at once, its class loading and compiling competed with the
 * kernel's for the JIT and the two cores: {@code momentum-vs-gd}'s first 100 steps took 0.6 s longer.
 * Nothing is drawn when the experiment ends first (the report is then drawn cold, as without it).
 *
 * <p>Use {@link #listener} as the experiment's listener and {@link #close} when the experiment ends.
 */
final class FigureWarmUp implements AutoCloseable {
    static final long AFTER_STEPS = 100;
    static final long AFTER_SECONDS = 4;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean ended;
    private final ExperimentListener listener;
    private final Runnable warmUp;
    private final long afterSeconds;

    FigureWarmUp(ExperimentListener inner) {
        this(inner, RunFigures::warmUp, AFTER_SECONDS);
    }

    /** With another warm-up and time limit (for tests). */
    FigureWarmUp(ExperimentListener inner, Runnable warmUp, long afterSeconds) {
        this.warmUp = warmUp;
        this.afterSeconds = afterSeconds;
        this.listener = new ExperimentListener() {
            @Override
            public void runStarted(int index, int total, RunLabel label, long seed, long steps) {
                inner.runStarted(index, total, label, seed, steps);
            }

            @Override
            public void runsStarted(int index, int total, List<RunLabel> labels, long seed, long steps) {
                inner.runsStarted(index, total, labels, seed, steps);
            }

            @Override
            public void stepsPerEpoch(long steps) {
                inner.stepsPerEpoch(steps);
            }

            @Override
            public void step(long step, long maxSteps, double loss) {
                if (step >= AFTER_STEPS) {
                    ready.countDown();
                }
                inner.step(step, maxSteps, loss);
            }

            @Override
            public void runFinished(RunSeries run) {
                ready.countDown();
                inner.runFinished(run);
            }
        };
        Thread t = new Thread(this::warmWhenReady, "mlab-warm-figures");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The experiment's listener: the given one, watched for the moment to warm up. */
    ExperimentListener listener() {
        return listener;
    }

    private void warmWhenReady() {
        try {
            ready.await(afterSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return;
        }
        if (!ended) {
            warmUp.run();
        }
    }

    /** The experiment ended: a warm-up that has not started will not. */
    @Override
    public void close() {
        ended = true;
        ready.countDown();
    }
}
