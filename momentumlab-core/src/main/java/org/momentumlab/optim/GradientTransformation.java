package org.momentumlab.optim;

/**
 * One piece of an update rule, in the style of Optax's {@code GradientTransformation}:
 * {@code init} creates the state, {@code update} computes u ← T(u; state, θ) in place.
 *
 * <p>On entry {@code updates} holds the incoming direction (the gradient, for the first piece of a
 * chain); on exit it holds the transformed direction. Applying an optimizer is θ ← θ + u after the
 * last piece, so a piece that turns a gradient into a step carries the minus sign (see
 * {@link ScaleBySchedule}). {@code update} must not allocate.
 */
public interface GradientTransformation {

    /** A fresh state for a parameter vector of length {@code dimension}. */
    TransformState init(int dimension);

    /**
     * u ← T(u; state, θ).
     *
     * @param updates the direction, modified in place
     * @param state   this transformation's state (from {@link #init(int)}), modified in place
     * @param params  the current parameters θ (before this step); not modified
     */
    void update(double[] updates, TransformState state, double[] params);
}
