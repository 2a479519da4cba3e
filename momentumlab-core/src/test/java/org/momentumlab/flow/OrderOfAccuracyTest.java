package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.momentumlab.model.Objective;
import org.momentumlab.model.TwoParameterToy;

/**
 * Orders of accuracy of the heavy-ball flows by halving h at a fixed horizon (Ghosh et al., ICLR 2023):
 * slope ≈ 1 against x' = −∇E/(1−β), ≈ 2 against the modified flow from the corrected start, and only
 * ≈ 1 against the modified flow from the naive start when β &gt; 0.
 *
 * <p>Steps h = h₀(1−β)²/2^i, i = 0..4: the expansions are in powers of h/(1−β)², so the asymptotic
 * regime needs h·λ_max/(1−β)² small. The error is the maximum over t ∈ [T/2, T] (see
 * {@link OrderCheck} on the burn-in).
 */
class OrderOfAccuracyTest {
    /** Allowed distance of a fitted slope from the theoretical order. */
    private static final double SLOPE_TOL = 0.15;
    /** Naive start against the O(h²) flow: the slope stays below this. */
    private static final double NAIVE_SLOPE_MAX = 1.5;
    private static final int HALVINGS = 5;

    private static final Objective QUADRATIC = SpdQuadratic.withSpectrum(new double[] {0.5, 1.0, 2.0}, 7);
    private static final double[] QUADRATIC_X0 = {1.0, -0.5, 0.8};
    private static final double QUADRATIC_T = 1.0;
    private static final double QUADRATIC_H0 = 0.02;

    /** The public start (2.8, 3.4) of the toy; Hessian eigenvalues there are ≈ 21 and ≈ −2. */
    private static final Objective TOY = new TwoParameterToy();
    private static final double[] TOY_X0 = {2.8, 3.4};
    private static final double TOY_T = 0.2;
    private static final double TOY_H0 = 0.002;

    @ParameterizedTest(name = "beta = {0}")
    @ValueSource(doubles = {0.0, 0.5, 0.9})
    void quadraticFirstAndSecondOrder(double beta) {
        assertOrders(QUADRATIC, QUADRATIC_X0, QUADRATIC_T, QUADRATIC_H0, beta);
    }

    @ParameterizedTest(name = "beta = {0}")
    @ValueSource(doubles = {0.0, 0.5, 0.9})
    void toyFirstAndSecondOrder(double beta) {
        assertOrders(TOY, TOY_X0, TOY_T, TOY_H0, beta);
    }

    private static void assertOrders(Objective f, double[] x0, double horizon, double h0, double beta) {
        double[] hs = steps(h0, beta);
        double burnIn = horizon / 2;
        FlowIntegrator integrator = FlowIntegrator.tight();
        double first = OrderCheck.run(f, x0, beta, horizon, burnIn, hs, FlowOrder.FIRST, FlowStart.CORRECTED, integrator).slope();
        double firstNaive = OrderCheck.run(f, x0, beta, horizon, burnIn, hs, FlowOrder.FIRST, FlowStart.NAIVE, integrator).slope();
        OrderCheck.Result second = OrderCheck.run(f, x0, beta, horizon, burnIn, hs, FlowOrder.SECOND, FlowStart.CORRECTED, integrator);
        OrderCheck.Result naive = OrderCheck.run(f, x0, beta, horizon, burnIn, hs, FlowOrder.SECOND, FlowStart.NAIVE, integrator);
        assertEquals(1.0, first, SLOPE_TOL, "O(h) flow, corrected start");
        assertEquals(1.0, firstNaive, SLOPE_TOL, "O(h) flow, naive start");
        assertEquals(2.0, second.slope(), SLOPE_TOL, "O(h²) flow, corrected start");
        if (beta == 0) {
            assertArrayEquals(second.errors(), naive.errors(), 0.0, "for GD the two starts coincide");
        } else {
            assertTrue(naive.slope() < NAIVE_SLOPE_MAX, "naive start degrades the O(h²) slope: " + naive.slope());
            int last = hs.length - 1;
            assertTrue(naive.errors()[last] > 4 * second.errors()[last],
                    "at the smallest h the naive start is far off: " + naive.errors()[last] + " vs " + second.errors()[last]);
        }
    }

    @Test
    void withoutBurnInTheShiftedStartItselfIsAnOhDistance() {
        double beta = 0.5;
        double h = 5e-4;
        TrajectoryComparison.Deviation d = TrajectoryComparison.compare(TOY, TOY_X0, h, beta, 100,
                FlowOrder.SECOND, FlowStart.CORRECTED, FlowIntegrator.tight());
        double[] g = FlowRhsTest.gradient(TOY, TOY_X0);
        assertEquals(h * beta / ((1 - beta) * (1 - beta)) * FlowRhsTest.norm(g), d.distances()[0], 1e-12);
        assertEquals(d.distances()[0], d.max(), 0.0);
        assertTrue(d.maxFrom(30) < 0.05 * d.max(), "past the transient (β^30 ≈ 1e-9) only the O(h²) distance is left");
    }

    @Test
    void logLogSlopeIsExactOnPowerLaws() {
        double[] x = {0.1, 0.05, 0.025, 0.0125};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3.0 * Math.pow(x[i], 2.5);
        }
        assertEquals(2.5, OrderCheck.logLogSlope(x, y), 1e-12);
    }

    @Test
    void rejectsHorizonsThatAreNotMultiplesOfTheStep() {
        assertEquals(50, OrderCheck.stepCount(1.0, 0.02));
        assertEquals("horizon / h = 1.0 / 0.3 = 3.3333333333333335 is not allowed: must be a positive integer",
                assertThrows(IllegalArgumentException.class, () -> OrderCheck.stepCount(1.0, 0.3)).getMessage());
        assertEquals("burnIn = 1.0 is out of range: must be in [0, 1.0)",
                assertThrows(IllegalArgumentException.class, () -> OrderCheck.run(TOY, TOY_X0, 0.5, 1.0, 1.0,
                        new double[] {0.1, 0.05}, FlowOrder.FIRST, FlowStart.NAIVE, FlowIntegrator.tight())).getMessage());
    }

    private static double[] steps(double h0, double beta) {
        double[] hs = new double[HALVINGS];
        for (int i = 0; i < HALVINGS; i++) {
            hs[i] = h0 * (1 - beta) * (1 - beta) / (1 << i);
        }
        return hs;
    }
}
