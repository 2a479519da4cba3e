package org.momentumlab.bench;

import org.momentumlab.data.PatchDataset;

/**
 * The benchmarks' baseline: full-batch loss and gradient of the cubic CNN (Jelassi &amp; Li 2022,
 * eq. (CNN) and (P), λ = 0) with simple single-threaded Java loops over the original [N][P][d]
 * layout (s_rj computed once per example as a dot product over k, then the gradient as axpy loops),
 * no explicit SIMD, no blocking, no threads.
 */
final class ScalarCubicCnn {
    private final PatchDataset data;
    private final int m;
    private final double[] s;

    ScalarCubicCnn(PatchDataset data, int neurons) {
        this.data = data;
        this.m = neurons;
        this.s = new double[neurons * data.patchCount()];
    }

    /** (1/N) Σ_i log(1 + exp(−y_i f_W(X_i))); writes the gradient into {@code grad}. */
    double valueAndGradient(double[] w, double[] grad) {
        int n = data.size();
        int p = data.patchCount();
        int d = data.dim();
        double[] x = data.patches();
        java.util.Arrays.fill(grad, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) {
                    int xo = (i * p + j) * d;
                    double sr = 0;
                    for (int k = 0; k < d; k++) {
                        sr += w[r * d + k] * x[xo + k];
                    }
                    s[r * p + j] = sr;
                    f += sr * sr * sr;
                }
            }
            double y = data.label(i);
            double z = y * f;
            loss += Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            double dl = -y / (1 + Math.exp(z));
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) {
                    double t = 3 * dl * s[r * p + j] * s[r * p + j];
                    int xo = (i * p + j) * d;
                    for (int k = 0; k < d; k++) {
                        grad[r * d + k] += t * x[xo + k];
                    }
                }
            }
        }
        for (int q = 0; q < grad.length; q++) {
            grad[q] /= n;
        }
        return loss / n;
    }
}
