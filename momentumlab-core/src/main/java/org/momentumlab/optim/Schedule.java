package org.momentumlab.optim;

/**
 * A learning-rate schedule: the value used at step t = 0, 1, 2, … (t counts updates already applied).
 *
 * <p>Implementations are immutable and must not allocate in {@link #at(long)}: it is called once per
 * optimizer step.
 */
public interface Schedule {

    /** The value at step {@code step} (≥ 0). */
    double at(long step);

    /** The constant schedule lr(t) = {@code value}; see {@link ConstantSchedule}. */
    static Schedule constant(double value) {
        return new ConstantSchedule(value);
    }
}
