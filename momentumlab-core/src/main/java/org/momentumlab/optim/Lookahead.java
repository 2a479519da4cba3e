package org.momentumlab.optim;

/**
 * A transformation whose gradient must be evaluated away from θ, at a point it computes from its
 * state (Nesterov's look-ahead θ + μv, see {@link SutskeverNesterov}).
 */
public interface Lookahead {

    /**
     * Writes the point where the next gradient must be evaluated into {@code out}.
     *
     * @param params the current parameters θ; not modified
     * @param state  the transformation's state; not modified
     * @param out    output, same length as {@code params}; overwritten
     */
    void lookahead(double[] params, TransformState state, double[] out);
}
