package org.momentumlab.train;

/** Receives progress from the training loop (for progress bars); must be cheap. */
public interface TrainingListener {
    /** Called after each optimizer step with the loss computed at that step. */
    void onStep(long step, long maxSteps, double loss);

    TrainingListener NONE = (step, maxSteps, loss) -> { };
}
