package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/** The Jacobi eigensolver against Hipparchus, and its eigenpairs against A v = λ v. */
class JacobiEigenTest {

    @Test
    void matchesHipparchusAndSatisfiesTheEigenEquation() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 3, 10, 33}) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    a[i][j] = rng.nextDouble(-1, 1);
                    a[j][i] = a[i][j];
                }
            }
            JacobiEigen j = JacobiEigen.of(a);
            double[] mine = j.values().clone();
            double[] ref = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a)).getEigenvalues().clone();
            Arrays.sort(mine);
            Arrays.sort(ref);
            for (int k = 0; k < n; k++) {
                assertEquals(ref[k], mine[k], 1e-12, "n = " + n + ", eigenvalue " + k);
            }
            for (int k = 0; k < n; k++) {
                double[] v = j.vectors()[k];
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    double av = 0;
                    for (int m = 0; m < n; m++) {
                        av += a[i][m] * v[m];
                    }
                    assertEquals(j.values()[k] * v[i], av, 1e-12);
                    norm += v[i] * v[i];
                }
                assertEquals(1, norm, 1e-13);
            }
            assertEquals(ref[0], j.values()[j.smallest()], 1e-12);
        }
    }

    @Test
    void diagonalIsExactAndNonFiniteGivesNaN() {
        JacobiEigen d = JacobiEigen.of(new double[][] {{1, 0}, {0, -0.1}});
        assertEquals(-0.1, d.values()[d.smallest()], 0.0);
        assertEquals(1.0, Math.abs(d.vectors()[d.smallest()][1]), 0.0);
        JacobiEigen bad = JacobiEigen.of(new double[][] {{Double.POSITIVE_INFINITY, 1}, {1, 0}});
        assertTrue(Double.isNaN(bad.values()[0]));
    }
}
