package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.momentumlab.model.FiniteDifferences;
import org.momentumlab.model.TwoParameterToy;

/** Lanczos sharpness against exact eigenvalues. */
class SharpnessTest {
    /** Relative eigenvalue error allowed at residual tolerance {@link #RESIDUAL_TOL}. */
    private static final double EIG_REL = 1e-10;
    private static final double RESIDUAL_TOL = 1e-12;
    private static final Sharpness LANCZOS = new Sharpness(RESIDUAL_TOL, 100, 42);

    @Test
    void randomSpdWithKnownSpectrum() {
        double[] spectrum = {0.3, 1.0, 2.5, 4.0, 7.0};
        for (long seed = 1; seed <= 5; seed++) {
            SpdQuadratic f = SpdQuadratic.withSpectrum(spectrum, seed);
            Sharpness.Result r = LANCZOS.top(f, new double[5]);
            assertEquals(7.0, r.eigenvalue(), 7.0 * EIG_REL);
            assertTrue(r.converged());
            assertTrue(r.iterations() <= 5);
            assertEigenpair(f, r);
        }
    }

    @Test
    void largestAlgebraicNotLargestMagnitude() {
        SpdQuadratic f = SpdQuadratic.withSpectrum(new double[] {-9.0, 1.0, 2.0, 3.0, 5.0}, 3);
        Sharpness.Result r = LANCZOS.top(f, new double[5]);
        assertEquals(5.0, r.eigenvalue(), 5.0 * EIG_REL);
        assertEigenpair(f, r);
    }

    @Test
    void largerProblemConvergesBeforeTheCap() {
        int n = 60;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = 0.1 + i * (i < n - 1 ? 0.05 : 0.5);
        }
        SpdQuadratic f = SpdQuadratic.withSpectrum(spectrum, 9);
        Sharpness.Result r = new Sharpness(1e-10, 60, 1).top(f, new double[n]);
        assertTrue(r.converged());
        assertTrue(r.iterations() < n, "gap lets Lanczos stop early: " + r.iterations());
        assertEquals(spectrum[n - 1], r.eigenvalue(), 1e-8 * spectrum[n - 1]);
        Sharpness.Result capped = new Sharpness(1e-14, 3, 1).top(f, new double[n]);
        assertFalse(capped.converged());
        assertEquals(3, capped.iterations());
        assertTrue(capped.eigenvalue() <= spectrum[n - 1] + 1e-12, "a Ritz value never exceeds the top eigenvalue");
    }

    @Test
    void toyHessianClosedForm() {
        TwoParameterToy toy = new TwoParameterToy();
        for (double[] w : new double[][] {{2.8, 3.4}, {1.5, -0.8}, {0.6, 1.0}, {0.0, 0.0}}) {
            double[][] h = toy.hessian(w);
            double x = toy.x();
            double y = toy.y();
            assertArrayEquals(new double[] {x * x * w[1] * w[1], 2 * x * x * w[0] * w[1] - x * y}, h[0], 1e-15);
            assertArrayEquals(new double[] {2 * x * x * w[0] * w[1] - x * y, x * x * w[0] * w[0]}, h[1], 1e-15);
            double mean = (h[0][0] + h[1][1]) / 2;
            double top = mean + Math.hypot((h[0][0] - h[1][1]) / 2, h[0][1]);
            Sharpness.Result r = LANCZOS.top(toy, w);
            assertEquals(top, r.eigenvalue(), EIG_REL * Math.max(1, Math.abs(top)));
            double[] fd = new double[2];
            FiniteDifferences.hessianVectorProduct(toy, w, new double[] {1, 0}, fd);
            assertArrayEquals(h[0], fd, 1e-7 * Math.max(1, Math.abs(h[0][0])));
        }
    }

    @Test
    void onTheMinimumSetSharpnessIsSumOfSquares() {
        TwoParameterToy toy = new TwoParameterToy();
        double w1 = 1.7;
        double[] w = {w1, 0.6 / w1};
        assertEquals(w[0] * w[0] + w[1] * w[1], LANCZOS.top(toy, w).eigenvalue(), 1e-12);
    }

    @Test
    void deterministicForTheSeedAndValidated() {
        SpdQuadratic f = SpdQuadratic.withSpectrum(new double[] {1, 2, 3, 4}, 2);
        Sharpness.Result a = new Sharpness(1e-12, 10, 5).top(f, new double[4]);
        Sharpness.Result b = new Sharpness(1e-12, 10, 5).top(f, new double[4]);
        assertEquals(a.eigenvalue(), b.eigenvalue(), 0.0);
        assertArrayEquals(a.eigenvector(), b.eigenvector(), 0.0);
        assertEquals("maxIterations = 0 is out of range: must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new Sharpness(1e-8, 0, 1)).getMessage());
        assertEquals("tolerance = -1.0 is out of range: must be > 0",
                assertThrows(IllegalArgumentException.class, () -> new Sharpness(-1, 10, 1)).getMessage());
    }

    private static void assertEigenpair(SpdQuadratic f, Sharpness.Result r) {
        double[] v = r.eigenvector();
        double[] hv = new double[v.length];
        f.hessianVectorProduct(new double[v.length], v, hv);
        double res = 0;
        for (int i = 0; i < v.length; i++) {
            res += Math.pow(hv[i] - r.eigenvalue() * v[i], 2);
        }
        assertEquals(1.0, FlowRhsTest.norm(v), 1e-12);
        assertTrue(Math.sqrt(res) < 1e-9 * Math.abs(r.eigenvalue()), "‖Hv − θv‖ = " + Math.sqrt(res));
    }
}
