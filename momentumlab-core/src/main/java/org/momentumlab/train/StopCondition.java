package org.momentumlab.train;

/**
 * A problem-specific stopping test on the current iterate (e.g. zero training error), checked by the
 * trainer every {@code every()} steps, before the update. It must not modify {@code params}.
 */
public interface StopCondition {
    /** Whether training should stop at {@code params}. */
    boolean reached(double[] params);

    /** Check period in steps (e.g. one epoch), ≥ 1. */
    long every();

    /** A short name for results, e.g. "zero_train_error". */
    String name();
}
