package org.momentumlab.experiment;

/** Progress of an experiment, for the terminal. Methods are called from the experiment's thread. */
public interface ExperimentListener {
    /** Run {@code index} (0-based) of {@code total} starts. */
    void runStarted(int index, int total, RunLabel label, long seed, long steps);

    /** A training step of the current run finished. */
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
