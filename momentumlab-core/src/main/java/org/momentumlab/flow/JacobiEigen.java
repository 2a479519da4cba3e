package org.momentumlab.flow;

/**
 * All eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method (rotations
 * that zero each off-diagonal entry in turn, until the off-diagonal mass is below 1e-30 of the
 * total (off-diagonal entries about 1e-14 of the norm, then one quadratic sweep more), at most 100 sweeps). For the dimensions of the saddle objectives (d ≤ 64) it is several
 * times faster than a general tridiagonal solver and accurate to a few ulps of the largest
 * eigenvalue. A matrix with a non-finite entry gives NaN eigenvalues.
 *
 * @param values  the eigenvalues, in no particular order
 * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
 */
public record JacobiEigen(double[] values, double[][] vectors) {

    /** The decomposition of the symmetric matrix {@code a} (only its upper triangle is read; not modified). */
    public static JacobiEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        double[][] v = new double[n][n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                m[i][j] = a[i][j];
                m[j][i] = a[i][j];
                total += (i == j ? 1 : 2) * a[i][j] * a[i][j];
            }
            v[i][i] = 1;
        }
        if (!Double.isFinite(total)) {
            double[] nan = new double[n];
            java.util.Arrays.fill(nan, Double.NaN);
            return new JacobiEigen(nan, v);
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    off += 2 * m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-28 * total) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    if (Math.abs(apq) <= 1e-16 * Math.sqrt(total) * 1e-4) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[k][k];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][k];
            }
        }
        return new JacobiEigen(values, vectors);
    }

    /** The index of the smallest eigenvalue. */
    public int smallest() {
        int k = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[k]) {
                k = i;
            }
        }
        return k;
    }
}
