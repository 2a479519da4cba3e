package org.momentumlab.model;

import java.util.Arrays;
import org.momentumlab.data.PatchDataset;

/**
 * The analytic Hessian-vector product of the cubic-CNN objective, in double, by plain loops over
 * the examples in order (deterministic, single-threaded: not on the hot path).
 *
 * <p>With s_rj = ⟨w_r, x_j⟩, u_rj = ⟨v_r, x_j⟩, z = y·f, a = ℓ'(f) = −y·σ(−z) and
 * b = ℓ''(f) = σ(z)·σ(−z): (∇f)_r = Σ_j 3 s_rj² x_j, ∇f·V = Σ_rj 3 s_rj² u_rj,
 * (∇²f V)_r = Σ_j 6 s_rj u_rj x_j, and
 * H V = (1/N) Σ_i [ b_i (∇f_i·V) ∇f_i + a_i ∇²f_i V ] + λ V.
 */
final class CubicCnnHessian {
    private final PatchDataset data;
    private final int m;
    private final int p;
    private final int d;
    private final double[] s;
    private final double[] u;

    CubicCnnHessian(PatchDataset data, int neurons) {
        this.data = data;
        this.m = neurons;
        this.p = data.patchCount();
        this.d = data.dim();
        this.s = new double[m * p];
        this.u = new double[m * p];
    }

    /** Writes H(w)·v into {@code out}; w and v are not modified. */
    void product(double[] w, double[] v, double lambda, double[] out) {
        int n = data.size();
        double[] x = data.patches();
        Arrays.fill(out, 0, m * d, 0.0);
        for (int i = 0; i < n; i++) {
            double f = 0;
            double gv = 0;
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) {
                    int xo = data.offset(i, j);
                    double sr = 0;
                    double ur = 0;
                    for (int k = 0; k < d; k++) {
                        sr += w[r * d + k] * x[xo + k];
                        ur += v[r * d + k] * x[xo + k];
                    }
                    s[r * p + j] = sr;
                    u[r * p + j] = ur;
                    f += sr * sr * sr;
                    gv += 3 * sr * sr * ur;
                }
            }
            double y = data.label(i);
            double z = y * f;
            double e = Math.exp(-Math.abs(z));
            double onePlus = 1 + e;
            double sigmaMinusZ = z >= 0 ? e / onePlus : 1 / onePlus;
            double a = -y * sigmaMinusZ;
            double b = e / (onePlus * onePlus);
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) {
                    double sr = s[r * p + j];
                    double coef = b * gv * 3 * sr * sr + a * 6 * sr * u[r * p + j];
                    int xo = data.offset(i, j);
                    for (int k = 0; k < d; k++) {
                        out[r * d + k] += coef * x[xo + k];
                    }
                }
            }
        }
        for (int q = 0; q < m * d; q++) {
            out[q] = out[q] / n + lambda * v[q];
        }
    }
}
