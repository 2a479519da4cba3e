package org.momentumlab.optim;

/**
 * The state of a {@link GradientTransformation} for one parameter vector, created by
 * {@link GradientTransformation#init(int)} and updated in place by
 * {@link GradientTransformation#update(double[], TransformState, double[])}.
 */
public interface TransformState {

    /**
     * The momentum buffer this state keeps, in gradient units, if any; null otherwise. The array is
     * the live buffer (no copy is made, so probes pay nothing): callers must treat it as read-only.
     */
    default double[] momentumBuffer() {
        return null;
    }

    /** Writes this state's numbers, bit for bit, for a checkpoint ({@link Stepper#save}). */
    default void save(java.io.DataOutput out) throws java.io.IOException {
    }

    /**
     * Sets this state (made by {@code init} with the same dimension) to what {@link #save} wrote.
     *
     * @throws java.io.IOException where the input ends early or does not fit this state
     */
    default void restore(java.io.DataInput in) throws java.io.IOException {
    }

    /** The state of a transformation that keeps none (a shared singleton). */
    static TransformState empty() {
        return EmptyState.INSTANCE;
    }
}
