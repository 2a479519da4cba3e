package org.momentumlab.optim;

import java.util.SplittableRandom;
import org.momentumlab.model.Objective;

/** Test objective E(x) = ½ xᵀAx − bᵀx with A symmetric positive definite; analytic gradient and Hessian. */
final class Quadratic implements Objective {
    private final double[][] a;
    private final double[] b;

    Quadratic(double[][] a, double[] b) {
        this.a = a;
        this.b = b;
    }

    /** A = diag(d). */
    static Quadratic diagonal(double[] d, double[] b) {
        int n = d.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = d[i];
        }
        return new Quadratic(a, b.clone());
    }

    /**
     * A = Q diag(λ) Qᵀ with eigenvalues λ spread geometrically over [minEig, maxEig] and Q a random
     * orthogonal matrix (Gram–Schmidt of a Gaussian matrix); b Gaussian.
     */
    static Quadratic randomSpd(int n, double minEig, double maxEig, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = gaussian(rnd);
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[j][i] * q[k][i];
                }
                for (int i = 0; i < n; i++) {
                    q[j][i] -= dot * q[k][i];
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
        for (int k = 0; k < n; k++) {
            double lambda = n == 1 ? minEig : minEig * Math.pow(maxEig / minEig, (double) k / (n - 1));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += lambda * q[k][i] * q[k][j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = (a[i][j] + a[j][i]) / 2;
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = gaussian(rnd);
        }
        return new Quadratic(a, b);
    }

    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public int dimension() {
        return b.length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        int n = b.length;
        double value = 0;
        for (int i = 0; i < n; i++) {
            double ax = 0;
            double[] row = a[i];
            for (int j = 0; j < n; j++) {
                ax += row[j] * x[j];
            }
            grad[i] = ax - b[i];
            value += x[i] * (0.5 * ax - b[i]);
        }
        return value;
    }

    @Override
    public void hessianVectorProduct(double[] x, double[] v, double[] out) {
        int n = b.length;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
    }

    /** x* = A⁻¹b, by Cholesky. */
    double[] minimizer() {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** E(x*) = −½ bᵀx*. */
    double minimumValue() {
        double[] x = minimizer();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += b[i] * x[i];
        }
        return -0.5 * s;
    }
}
