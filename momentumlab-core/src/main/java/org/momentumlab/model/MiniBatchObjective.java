package org.momentumlab.model;

/**
 * An objective that is a mean over examples plus a regularizer, E(x) = (1/N) Σ_i ℓ_i(x) + R(x),
 * and can be evaluated on a mini-batch: E_B(x) = (1/|B|) Σ_{i∈B} ℓ_i(x) + R(x).
 */
public interface MiniBatchObjective extends Objective {

    /** Number of examples N. */
    int exampleCount();

    /**
     * Computes the mini-batch objective over the examples {@code indices[from..to)} and writes its
     * gradient into {@code grad}.
     *
     * @param indices example indices in [0, N); not modified
     * @return E_B(x)
     */
    double valueAndGradient(double[] x, double[] grad, int[] indices, int from, int to);
}
