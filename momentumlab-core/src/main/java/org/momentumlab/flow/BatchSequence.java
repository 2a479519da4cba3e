package org.momentumlab.flow;

/**
 * A fixed sequence of mini-batch losses E_0, E_1, E_2, … over R^n, as SGD sees them: E_k is the loss
 * of the k-th batch. The sequence is a function of k only (seeded, generated once), so runs with
 * different step sizes h see the same E_k at the same index k. Implementations never modify their
 * inputs and write results into the given output arrays.
 */
public interface BatchSequence {
    /** The dimension n. */
    int dimension();

    /**
     * Computes E_k(x) and writes ∇E_k(x) into {@code grad}.
     *
     * @param k batch index ≥ 0
     * @return E_k(x)
     */
    double valueAndGradient(int k, double[] x, double[] grad);

    /** Writes ∇²E_k(x)·v into {@code out}. */
    void hessianVectorProduct(int k, double[] x, double[] v, double[] out);
}
