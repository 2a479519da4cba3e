package org.momentumlab.optim;

import java.util.SplittableRandom;
import org.momentumlab.model.Objective;

/**
 * Test objective, smooth and non-quadratic: E(x) = log Σ_j exp((Mx)_j) + (ρ/2)‖x‖² with a Gaussian
 * M (m × n, entries scaled by 1/√n). Strongly convex with modulus ρ; gradient Mᵀsoftmax(Mx) + ρx.
 */
final class LogSumExp implements Objective {
    private final double[][] m;
    private final double rho;
    private final double[] z;

    LogSumExp(int rows, int n, double rho, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        this.m = new double[rows][n];
        double scale = 1 / Math.sqrt(n);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < n; i++) {
                m[j][i] = scale * Quadratic.gaussian(rnd);
            }
        }
        this.rho = rho;
        this.z = new double[rows];
    }

    @Override
    public int dimension() {
        return m[0].length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        int n = dimension();
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m.length; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += m[j][i] * x[i];
            }
            z[j] = s;
            max = Math.max(max, s);
        }
        double total = 0;
        for (int j = 0; j < m.length; j++) {
            z[j] = Math.exp(z[j] - max);
            total += z[j];
        }
        double sq = 0;
        for (int i = 0; i < n; i++) {
            grad[i] = rho * x[i];
            sq += x[i] * x[i];
        }
        for (int j = 0; j < m.length; j++) {
            double p = z[j] / total;
            for (int i = 0; i < n; i++) {
                grad[i] += p * m[j][i];
            }
        }
        return max + Math.log(total) + 0.5 * rho * sq;
    }
}
