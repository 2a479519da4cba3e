package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Piecewise-constant decay: lr(t) = initial · factor^⌊t / every⌋ (torch's {@code StepLR}).
 *
 * @param initial lr(0), finite and ≥ 0
 * @param factor  multiplier applied every {@code every} steps, finite and &gt; 0
 * @param every   period in steps, ≥ 1
 */
public record StepSchedule(double initial, double factor, long every) implements Schedule {
    public StepSchedule {
        Check.nonNegative("initial", initial);
        Check.positive("factor", factor);
        Check.atLeast("every", every, 1L);
    }

    @Override
    public double at(long step) {
        return initial * Math.pow(factor, (double) (step / every));
    }
}
