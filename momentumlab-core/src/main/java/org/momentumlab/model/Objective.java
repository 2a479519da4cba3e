package org.momentumlab.model;

/**
 * A differentiable objective E : R^n -> R over a flat parameter vector.
 *
 * <p>Every optimizer, trainer, probe and (later) modified flow works through this interface, so a
 * toy function, the cubic CNN of Jelassi &amp; Li and any other model are interchangeable.
 * Implementations never modify {@code x}; they write their results into the output arrays they are
 * given, so hot loops allocate nothing.
 */
public interface Objective {

    /** Number of parameters n. */
    int dimension();

    /**
     * Computes E(x) and writes ∇E(x) into {@code grad}.
     *
     * @param x    the point, length {@link #dimension()}; not modified
     * @param grad output, length {@link #dimension()}; overwritten
     * @return E(x)
     */
    double valueAndGradient(double[] x, double[] grad);

    /** E(x). The default evaluates the gradient too; override where the value alone is cheaper. */
    default double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }

    /**
     * Writes the Hessian-vector product H(x)·v into {@code out}.
     *
     * <p>The default is the central difference of gradients (∇E(x + εv) − ∇E(x − εv)) / (2ε) with
     * ε = 1e-5·max(1, ‖x‖)/max(‖v‖, tiny), whose error is O(ε²)·‖∇³E‖; models with an analytic
     * product override it.
     *
     * @param x   the point; not modified
     * @param v   the direction; not modified
     * @param out output, overwritten
     */
    default void hessianVectorProduct(double[] x, double[] v, double[] out) {
        FiniteDifferences.hessianVectorProduct(this, x, v, out);
    }
}
