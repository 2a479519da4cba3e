package org.momentumlab.model;

import org.momentumlab.data.PatchDataset;

/**
 * The plain-loop reference of the cubic CNN objective (Jelassi &amp; Li 2022, eq. (CNN) and (P)):
 * L(W) = (1/|B|) Σ_{i∈B} log(1 + exp(−y_i f_W(X_i))) + (λ/2)‖W‖², f_W(X) = Σ_r Σ_j ⟨w_r, X[j]⟩³.
 * Straightforward double loops, no blocking, no threads: the trusted side of the differential tests.
 */
final class CubicCnnReference {
    private final PatchDataset data;
    private final int m;
    private final double lambda;

    CubicCnnReference(PatchDataset data, int neurons, double lambda) {
        this.data = data;
        this.m = neurons;
        this.lambda = lambda;
    }

    double output(double[] w, int i) {
        int p = data.patchCount();
        int d = data.dim();
        double[] x = data.patches();
        double f = 0;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += w[r * d + k] * x[data.offset(i, j) + k];
                }
                f += s * s * s;
            }
        }
        return f;
    }

    /** Mean loss and gradient over the examples {@code indices}, plus the regularizer. */
    double valueAndGradient(double[] w, double[] grad, int[] indices) {
        int p = data.patchCount();
        int d = data.dim();
        double[] x = data.patches();
        java.util.Arrays.fill(grad, 0.0);
        double loss = 0;
        for (int i : indices) {
            double y = data.label(i);
            double f = output(w, i);
            double z = y * f;
            loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
            double dl = -y / (1 + Math.exp(z));
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += w[r * d + k] * x[data.offset(i, j) + k];
                    }
                    for (int k = 0; k < d; k++) {
                        grad[r * d + k] += dl * 3 * s * s * x[data.offset(i, j) + k];
                    }
                }
            }
        }
        double sq = 0;
        for (int q = 0; q < w.length; q++) {
            grad[q] = grad[q] / indices.length + lambda * w[q];
            sq += w[q] * w[q];
        }
        return loss / indices.length + 0.5 * lambda * sq;
    }

    double valueAndGradient(double[] w, double[] grad) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return valueAndGradient(w, grad, all);
    }
}
