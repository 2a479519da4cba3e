package org.momentumlab.train;

/**
 * How a training run ended.
 *
 * @param steps          optimizer steps taken
 * @param reason         why it stopped
 * @param divergedAtStep the step whose loss was NaN or infinite, or −1
 * @param finalLoss      the last finite training loss computed (the mini-batch loss in mini-batch training)
 */
public record TrainingResult(long steps, StopReason reason, long divergedAtStep, double finalLoss) {

    /** Why a run stopped; CONDITION is a problem-specific {@link StopCondition} (e.g. zero training error). */
    public enum StopReason { MAX_STEPS, TARGET_LOSS, CONDITION, DIVERGED }

    public boolean diverged() {
        return reason == StopReason.DIVERGED;
    }
}
