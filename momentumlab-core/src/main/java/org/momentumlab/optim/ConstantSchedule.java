package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * lr(t) = value for every t.
 *
 * @param value the constant, finite and ≥ 0
 */
public record ConstantSchedule(double value) implements Schedule {
    public ConstantSchedule {
        Check.nonNegative("value", value);
    }

    @Override
    public double at(long step) {
        return value;
    }
}
