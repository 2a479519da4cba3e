package org.momentumlab.train;

import org.momentumlab.util.Check;

/**
 * When training stops: after {@code maxSteps} optimizer steps, or as soon as the full training loss
 * is at most {@code targetLoss} (checked on every step in full-batch training, at probe times in
 * mini-batch training; {@code 0} disables it). A NaN or infinite loss always stops the run as
 * diverged.
 *
 * @param maxSteps   number of optimizer steps (≥ 1)
 * @param targetLoss stop when the training loss ≤ this value; 0 disables
 */
public record StopRule(long maxSteps, double targetLoss) {

    public StopRule {
        Check.atLeast("train.steps", maxSteps, 1);
        Check.nonNegative("train.target_loss", targetLoss);
    }

    public static StopRule steps(long maxSteps) {
        return new StopRule(maxSteps, 0);
    }
}
