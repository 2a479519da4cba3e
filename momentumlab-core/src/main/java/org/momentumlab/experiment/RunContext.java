package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingListener;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.ComputePool;

/**
 * What an experiment kind runs in: the compute pool, and {@link #start} for each run, which hands
 * back a {@link Recorder} that streams the run's rows to the sink and its progress to the listener.
 */
public final class RunContext {
    private final ComputePool pool;
    private final int total;
    private final ExperimentListener listener;
    private final MetricSink sink;
    private final List<RunSeries> finished = new ArrayList<>();
    private final PhaseTimes times = new PhaseTimes();
    private final Checkpoints checkpoints;
    private int started;

    /** @param total the number of runs planned (for progress) */
    public RunContext(ComputePool pool, int total, ExperimentListener listener, MetricSink sink) {
        this(pool, total, listener, sink, Checkpoints.NONE);
    }

    /** As {@link #RunContext(ComputePool, int, ExperimentListener, MetricSink)}, saving and resuming runs through {@code checkpoints}. */
    public RunContext(ComputePool pool, int total, ExperimentListener listener, MetricSink sink, Checkpoints checkpoints) {
        this.pool = pool;
        this.total = total;
        this.listener = listener;
        this.sink = sink;
        this.checkpoints = checkpoints;
    }

    /** Where kinds that support it save their runs' states, and find them when resuming. */
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    public ComputePool pool() {
        return pool;
    }

    /** Where the time goes (kinds add their phases, e.g. {@code data}). */
    public PhaseTimes times() {
        return times;
    }

    /** How many runs have started. */
    public int started() {
        return started;
    }

    /** The runs finished so far, in order. */
    public List<RunSeries> runs() {
        return Collections.unmodifiableList(finished);
    }

    /** Starts runs that train together (in lockstep); finish them in order. */
    public List<Recorder> startTogether(List<RunLabel> labels, long seed, long steps) {
        listener.runsStarted(started, total, labels, seed, steps);
        List<Recorder> out = new ArrayList<>();
        for (RunLabel l : labels) {
            started++;
            out.add(new Recorder(l, seed, started == 1, out.isEmpty()));
        }
        return out;
    }

    /** Starts a run of up to {@code steps} steps; fill {@link Recorder#metrics()} and call {@link Recorder#finish}. */
    public Recorder start(RunLabel label, long seed, long steps) {
        listener.runStarted(started++, total, label, seed, steps);
        return new Recorder(label, seed, started == 1, true);
    }

    static final long WARMUP_STEPS = 100;

    /** One run in progress: a training listener that passes finished probe rows on as they appear. */
    public final class Recorder implements TrainingListener {
        private final RunLabel label;
        private final long seed;
        private MetricTable metrics = new MetricTable();
        private int written;
        /** The invocation's first run: its first steps time the JIT's warm-up. */
        private final boolean first;
        /** Reports steps to the listener (runs started together report through their first). */
        private final boolean leader;
        private final long startNanos = System.nanoTime();

        Recorder(RunLabel label, long seed, boolean first, boolean leader) {
            this.label = label;
            this.seed = seed;
            this.first = first;
            this.leader = leader;
        }

        public MetricTable metrics() {
            return metrics;
        }

        /** The run counts its steps in epochs of {@code steps} steps: progress shows the epoch. */
        public void stepsPerEpoch(long steps) {
            if (leader) {
                listener.stepsPerEpoch(steps);
            }
        }

        /** The run continues from a checkpoint: its rows so far are {@code table}, which is filled on from here. */
        public void resume(MetricTable table) {
            metrics = table;
        }

        @Override
        public void onStep(long step, long maxSteps, double loss) {
            if (first && step == WARMUP_STEPS) {
                times.add("first_100_steps", System.nanoTime() - startNanos);
            }
            flush();
            if (leader) {
                listener.step(step, maxSteps, loss);
            }
        }

        private void flush() {
            int rows = metrics.rows();
            if (rows > written) {
                sink.rows(label, seed, metrics, written, rows);
                written = rows;
            }
        }

        /** The run was computed in one piece: its rows are {@code table} (e.g. one per step size of an order check). */
        public RunSeries finish(MetricTable table) {
            metrics = table;
            return finish(new TrainingResult(table.rows(), TrainingResult.StopReason.MAX_STEPS, -1, Double.NaN));
        }

        /** The run was computed elsewhere (e.g. on a worker thread) into {@code table} and ended with {@code result}. */
        public RunSeries finish(MetricTable table, TrainingResult result) {
            metrics = table;
            return finish(result);
        }

        /** The run ended with {@code result}; returns its record. */
        public RunSeries finish(TrainingResult result) {
            flush();
            RunSeries run = new RunSeries(label, seed, metrics, result);
            finished.add(run);
            sink.finished(run);
            listener.runFinished(run);
            return run;
        }
    }
}
