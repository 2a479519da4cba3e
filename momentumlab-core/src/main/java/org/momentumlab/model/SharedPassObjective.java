package org.momentumlab.model;

/**
 * An objective that can evaluate several parameter vectors in one pass over its data (e.g. the
 * optimizers of one seed, which train on the same data): each vector's value and gradient have
 * exactly the bits of its own {@link #valueAndGradient(double[], double[])} call, and the data are
 * read once for all of them. Where the data do not fit in cache this saves most of the memory traffic.
 */
public interface SharedPassObjective extends MiniBatchObjective {

    /**
     * Full batch, for {@code xs[0..k)}: writes gradient i into {@code grads[i]} and value i into
     * {@code values[i]}. Inputs are not modified.
     */
    void valuesAndGradients(double[][] xs, double[][] grads, double[] values, int k);

    /** The same on the mini-batch {@code indices[from..to)}, one batch for every vector. */
    void valuesAndGradients(double[][] xs, double[][] grads, double[] values, int k, int[] indices, int from, int to);
}
