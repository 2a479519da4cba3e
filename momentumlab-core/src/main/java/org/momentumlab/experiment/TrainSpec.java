package org.momentumlab.experiment;

import org.momentumlab.util.Check;

/**
 * @param steps      optimizer steps T (≥ 1)
 * @param batchSize  examples per step; 0 = full batch (GD); otherwise SGD with a seeded reshuffle per epoch
 * @param targetLoss stop early once the training loss is at most this; 0 = never
 */
public record TrainSpec(long steps, int batchSize, double targetLoss) {
    public TrainSpec {
        Check.atLeast("train.steps", steps, 1);
        Check.atLeast("train.batch_size", batchSize, 0);
        Check.nonNegative("train.target_loss", targetLoss);
    }
}
