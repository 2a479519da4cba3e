package org.momentumlab.model;

import org.momentumlab.util.Check;

/**
 * The two-parameter toy of Ghosh et al. (ICLR 2023, §2 of REFERENCE.md): E(w₁, w₂) = ½(y − w₁w₂x)²,
 * whose minima form the hyperbola w₁w₂ = y/x. With r = w₁w₂x − y:
 * <pre>
 *   ∇E = r·x·(w₂, w₁)
 *   H  = [[x²w₂²,            2x²w₁w₂ − xy],
 *         [2x²w₁w₂ − xy,     x²w₁²       ]]
 * </pre>
 * On the minimum set the sharpness (top eigenvalue of H) is x²(w₁² + w₂²), so flatter minima have
 * smaller w₁² + w₂². Defaults x = 1, y = 0.6 as in the public notebooks. Immutable.
 */
public final class TwoParameterToy implements Objective {
    private final double x;
    private final double y;

    /** The public setting x = 1, y = 0.6. */
    public TwoParameterToy() {
        this(1.0, 0.6);
    }

    /**
     * @param x the input, finite and non-zero
     * @param y the target, finite
     */
    public TwoParameterToy(double x, double y) {
        Check.finite("x", x);
        if (x == 0) {
            throw new IllegalArgumentException("x = 0 is out of range: must be non-zero");
        }
        this.x = x;
        this.y = Check.finite("y", y);
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double valueAndGradient(double[] w, double[] grad) {
        double r = w[0] * w[1] * x - y;
        grad[0] = r * x * w[1];
        grad[1] = r * x * w[0];
        return 0.5 * r * r;
    }

    @Override
    public double value(double[] w) {
        double r = w[0] * w[1] * x - y;
        return 0.5 * r * r;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        double[][] h = hessian(w);
        double o0 = h[0][0] * v[0] + h[0][1] * v[1];
        double o1 = h[1][0] * v[0] + h[1][1] * v[1];
        out[0] = o0;
        out[1] = o1;
    }

    /** The closed-form Hessian at w (a fresh 2×2 array); w is not modified. */
    public double[][] hessian(double[] w) {
        double off = 2 * x * x * w[0] * w[1] - x * y;
        return new double[][] {{x * x * w[1] * w[1], off}, {off, x * x * w[0] * w[0]}};
    }
}
