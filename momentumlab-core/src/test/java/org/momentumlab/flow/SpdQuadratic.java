package org.momentumlab.flow;

import java.util.SplittableRandom;
import org.momentumlab.model.Objective;

/** Test objective E(x) = ½xᵀAx with A = Q diag(λ) Qᵀ, Q a random orthogonal matrix (Gram–Schmidt). */
final class SpdQuadratic implements Objective {
    private final double[][] a;

    private SpdQuadratic(double[][] a) {
        this.a = a;
    }

    /** A with the given eigenvalues (any sign) and a rotation drawn from seed. */
    static SpdQuadratic withSpectrum(double[] eigenvalues, long seed) {
        int n = eigenvalues.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = rnd.nextDouble() - 0.5;
            }
            for (int k = 0; k < j; k++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[j][i] * q[k][i];
                }
                for (int i = 0; i < n; i++) {
                    q[j][i] -= d * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        double[][] a = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += q[j][r] * eigenvalues[j] * q[j][c];
                }
                a[r][c] = s;
            }
        }
        return new SpdQuadratic(a);
    }

    @Override
    public int dimension() {
        return a.length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        double e = 0;
        for (int r = 0; r < a.length; r++) {
            double s = 0;
            for (int c = 0; c < a.length; c++) {
                s += a[r][c] * x[c];
            }
            grad[r] = s;
            e += 0.5 * x[r] * s;
        }
        return e;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        for (int r = 0; r < a.length; r++) {
            double s = 0;
            for (int c = 0; c < a.length; c++) {
                s += a[r][c] * v[c];
            }
            out[r] = s;
        }
    }
}
