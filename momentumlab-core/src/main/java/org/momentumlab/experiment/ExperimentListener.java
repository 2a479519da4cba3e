package org.momentumlab.experiment;

/** Progress of an experiment, for the terminal. Methods are called from the experiment's thread. */
public interface ExperimentListener {
    /** Run {@code index} (0-based) of {@code total} starts. */
    void runStarted(int index, int total, RunLabel label, long seed, long steps);

    /**
     * Runs {@code index .. index + labels.size() − 1} start together (they train in lockstep); by
     * default reported as each starting.
     */
    default void runsStarted(int index, int total, java.util.List<RunLabel> labels, long seed, long steps) {
        for (int i = 0; i < labels.size(); i++) {
            runStarted(index + i, total, labels.get(i), seed, steps);
        }
    }

    /** The current run counts its steps in epochs of {@code steps} steps (progress shows the epoch). */
    default void stepsPerEpoch(long steps) {
    }

    /** A training step of the current run (or lockstep group) finished. */
    void step(long step, long maxSteps, double loss);

    /** The current run finished. */
    void runFinished(RunSeries run);

    ExperimentListener NONE = new ExperimentListener() {
        @Override
        public void runStarted(int index, int total, RunLabel label, long seed, long steps) {
        }

        @Override
        public void step(long step, long maxSteps, double loss) {
        }

        @Override
        public void runFinished(RunSeries run) {
        }
    };
}
