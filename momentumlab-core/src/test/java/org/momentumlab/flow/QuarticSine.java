package org.momentumlab.flow;

import org.momentumlab.model.Objective;

/**
 * Non-quadratic test objective on R³: E(x) = ¼(xᵀx)² + sin(x₀)x₁ + ½Σ c_i x_i², c = (1, 2, 0.5), with
 * analytic gradient and Hessian-vector product.
 */
final class QuarticSine implements Objective {
    private static final double[] C = {1.0, 2.0, 0.5};

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        double r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
        double e = 0.25 * r2 * r2 + Math.sin(x[0]) * x[1];
        for (int i = 0; i < 3; i++) {
            e += 0.5 * C[i] * x[i] * x[i];
            grad[i] = r2 * x[i] + C[i] * x[i];
        }
        grad[0] += Math.cos(x[0]) * x[1];
        grad[1] += Math.sin(x[0]);
        return e;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        double r2 = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
        double xv = x[0] * v[0] + x[1] * v[1] + x[2] * v[2];
        double o0 = r2 * v[0] + 2 * x[0] * xv + C[0] * v[0] - Math.sin(x[0]) * x[1] * v[0] + Math.cos(x[0]) * v[1];
        double o1 = r2 * v[1] + 2 * x[1] * xv + C[1] * v[1] + Math.cos(x[0]) * v[0];
        double o2 = r2 * v[2] + 2 * x[2] * xv + C[2] * v[2];
        out[0] = o0;
        out[1] = o1;
        out[2] = o2;
    }
}
