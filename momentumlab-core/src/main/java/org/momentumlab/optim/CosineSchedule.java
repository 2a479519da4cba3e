package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Cosine decay (Loshchilov &amp; Hutter 2017, SGDR, without restarts):
 * lr(t) = minimum + (initial − minimum)·(1 + cos(π·min(t, T)/T))/2, so lr(0) = initial and
 * lr(t) = minimum for t ≥ T.
 *
 * @param initial    lr(0), finite and ≥ 0
 * @param minimum    the floor, in [0, initial]
 * @param totalSteps T, ≥ 1
 */
public record CosineSchedule(double initial, double minimum, long totalSteps) implements Schedule {
    public CosineSchedule {
        Check.nonNegative("initial", initial);
        Check.closed("minimum", minimum, 0, initial);
        Check.atLeast("totalSteps", totalSteps, 1L);
    }

    @Override
    public double at(long step) {
        double fraction = (double) Math.min(step, totalSteps) / totalSteps;
        return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * fraction)) / 2;
    }
}
