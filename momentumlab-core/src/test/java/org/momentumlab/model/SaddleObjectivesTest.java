package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The objectives of Wang, Lin &amp; Abernethy (ICLR 2020): derivatives, fixed points, and unbiased component gradients. */
class SaddleObjectivesTest {
    static final double FD_TOL = 1e-7;

    static SaddleObjective saddle() {
        return SaddleObjective.sample(new double[] {1, -0.1}, new double[] {0.1, 0.001}, 10, new SplittableRandom(1));
    }

    static PhaseRetrieval retrieval() {
        return PhaseRetrieval.sample(10, 200, new SplittableRandom(2));
    }

    static void derivativesMatchFiniteDifferences(Objective f, double[] x) {
        double[] g = new double[f.dimension()];
        f.valueAndGradient(x, g);
        double[] fd = FiniteDifferences.gradient(f, x, 1e-6);
        for (int j = 0; j < g.length; j++) {
            assertEquals(fd[j], g[j], FD_TOL * Math.max(1, Math.abs(g[j])), "gradient " + j);
        }
        double[] v = new double[f.dimension()];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.sin(j + 1.0);
        }
        double[] hv = new double[v.length];
        double[] ref = new double[v.length];
        f.hessianVectorProduct(x, v, hv);
        FiniteDifferences.hessianVectorProduct(f, x, v, ref);
        for (int j = 0; j < v.length; j++) {
            assertEquals(ref[j], hv[j], 1e-5 * Math.max(1, Math.abs(hv[j])), "Hessian-vector " + j);
        }
    }

    @Test
    void saddleDerivativesFixedPointsAndCurvature() {
        SaddleObjective f = saddle();
        derivativesMatchFiniteDifferences(f, new double[] {0.3, -0.7});
        derivativesMatchFiniteDifferences(f, new double[] {-1.1, 0.5});
        // without noise the origin is a strict saddle: zero gradient, curvature −0.1 along e2
        SaddleObjective clean = new SaddleObjective(new double[] {1, -0.1}, new double[][] {{0, 0}});
        double[] g = new double[2];
        clean.valueAndGradient(new double[] {0, 0}, g);
        assertArrayEquals(new double[] {0, 0}, g, 0.0);
        double[] hv = new double[2];
        clean.hessianVectorProduct(new double[] {0, 0}, new double[] {0, 1}, hv);
        assertArrayEquals(new double[] {0, -0.1}, hv, 0.0);
        // its minima: w2 = ±(0.01)^(1/8) where −0.1 w + 10 w^9 = 0, with positive curvature 0.7 there
        double m = Math.pow(0.01, 1.0 / 8);
        for (double s : new double[] {-1, 1}) {
            clean.valueAndGradient(new double[] {0, s * m}, g);
            assertEquals(0, g[1], 1e-15);
            clean.hessianVectorProduct(new double[] {0, s * m}, new double[] {0, 1}, hv);
            assertEquals(-0.1 + 90 * 0.01, hv[1], 1e-14);
        }
    }

    @Test
    void phaseRetrievalDerivativesMinimaAndSaddle() {
        PhaseRetrieval f = retrieval();
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[10];
        for (int j = 0; j < 10; j++) {
            x[j] = r.nextGaussian() * 0.3;
        }
        derivativesMatchFiniteDifferences(f, x);
        double[] ws = f.signal();
        double[] minus = new double[10];
        for (int j = 0; j < 10; j++) {
            minus[j] = -ws[j];
        }
        double[] g = new double[10];
        for (double[] w : new double[][] {ws, minus}) {
            assertEquals(0.0, f.valueAndGradient(w, g), 1e-28);
            for (double v : g) {
                assertEquals(0.0, v, 1e-14);
            }
            assertEquals(0.0, f.distance(w), 1e-15);
        }
        // the origin: zero gradient, and negative curvature along w* (y_i (a_iᵀw*)² > 0 for all i)
        f.valueAndGradient(new double[10], g);
        assertArrayEquals(new double[10], g, 0.0);
        double[] hv = new double[10];
        f.hessianVectorProduct(new double[10], ws, hv);
        double curvature = 0;
        for (int j = 0; j < 10; j++) {
            curvature += ws[j] * hv[j];
        }
        assertTrue(curvature < 0, "w* is a direction of negative curvature at the origin: " + curvature);
        assertEquals(1.0, f.distance(new double[10]), 1e-15);
    }

    /** The mean of the n single-component gradients is the full gradient, bit for bit. */
    @Test
    void componentGradientsAreUnbiasedExactly() {
        for (ComponentObjective f : new ComponentObjective[] {saddle(), retrieval()}) {
            double[] x = new double[f.dimension()];
            for (int j = 0; j < x.length; j++) {
                x[j] = 0.1 * (j + 1) * (j % 2 == 0 ? 1 : -1);
            }
            double[] full = new double[x.length];
            double fullValue = f.valueAndGradient(x, full);
            int n = f.exampleCount();
            int[] all = new int[n];
            double[] sum = new double[x.length];
            double values = 0;
            for (int i = 0; i < n; i++) {
                all[i] = i;
                double[] gi = new double[x.length];
                values += f.valueAndGradient(x, gi, new int[] {i}, 0, 1);
                for (int j = 0; j < x.length; j++) {
                    sum[j] += gi[j];
                }
            }
            for (int j = 0; j < x.length; j++) {
                sum[j] /= n;
            }
            assertArrayEquals(full, sum, 0.0);
            assertEquals(fullValue, values / n, 0.0);
            // the saddle's value() sums with the mean b in O(d): equal up to rounding
            assertEquals(fullValue, f.value(x), f instanceof SaddleObjective ? 4 * Math.ulp(fullValue) : 0.0);
            double[] batch = new double[x.length];
            assertEquals(fullValue, f.valueAndGradient(x, batch, all, 0, n), 0.0);
            assertArrayEquals(full, batch, 0.0);
        }
    }

    @Test
    void denseHessiansEqualTheirHessianVectorProducts() {
        double[] w = {0.3, -0.2, 0.1, 0.5, -0.4, 0.25, 0.05, -0.15, 0.35, -0.3};
        for (ComponentObjective f : new ComponentObjective[] {saddle(), retrieval()}) {
            double[] x = java.util.Arrays.copyOf(w, f.dimension());
            int d = f.dimension();
            double[][] dense = new double[d][d];
            f.hessian(x, dense);
            double[] e = new double[d];
            double[] col = new double[d];
            for (int j = 0; j < d; j++) {
                e[j] = 1;
                f.hessianVectorProduct(x, e, col);
                e[j] = 0;
                for (int i = 0; i < d; i++) {
                    assertEquals(col[i], dense[i][j], 1e-12 * Math.max(1, Math.abs(col[i])), "entry " + i + "," + j);
                }
            }
        }
    }

    @Test
    void theSaddleNextToTheOriginIsStationaryAndCenteringPutsItAtTheOrigin() {
        SaddleObjective f = saddle();
        double[] c = f.stationaryPoint(new double[2]);
        double[] g = new double[2];
        f.valueAndGradient(c, g);
        assertEquals(0, g[0], 1e-16);
        assertEquals(0, g[1], 1e-16);
        // the root next to -H^{-1} b-bar: c + b-bar/h = -10 c^9/h exactly, a small shift
        double[] b0 = new double[2];
        f.valueAndGradient(new double[2], b0);
        double[] h = {1, -0.1};
        for (int j = 0; j < 2; j++) {
            double shift = -10 * Math.pow(c[j], 9) / h[j];
            assertEquals(shift, c[j] + b0[j] / h[j], 1e-15);
            assertTrue(Math.abs(shift) < 0.01 * Math.abs(c[j]), "c[" + j + "] = " + c[j] + " is the root next to -b/h");
        }
        // value() via the mean b equals the mean of the components up to rounding
        assertEquals(((ComponentObjective) f).valueAndGradient(c, g), f.value(c), 1e-16);
        SaddleObjective centered = f.centered();
        centered.valueAndGradient(new double[2], g);
        assertEquals(0, g[0], 1e-16);
        assertEquals(0, g[1], 1e-16);
        assertArrayEquals(new double[2], centered.stationaryPoint(new double[2]), 1e-15); // the centered mean is zero up to rounding
    }
}
