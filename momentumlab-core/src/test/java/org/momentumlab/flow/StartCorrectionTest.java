package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.momentumlab.model.TwoParameterToy;

/**
 * The corrected start y₀ = x₀ + hβ/(1−β)²∇E(x₀) against the exact one on E = ½λx²: heavy ball from
 * x_{−1} = x₀ is x_k = A r₁^k + B r₂^k with r₁ the root near 1, and the O(h²) flow through A follows r₁.
 * The corrected start must match A to O(h²) (error ratio 4 per halving); the naive start only to O(h).
 */
class StartCorrectionTest {
    /** Allowed deviation of an error ratio under halving from 2^order. */
    private static final double RATIO_TOL = 0.1;

    @Test
    void correctedStartMatchesTheDominantModeToSecondOrder() {
        double lambda = 1.3;
        double x0 = 1.0;
        for (double beta : new double[] {0.5, 0.9}) {
            double h = 1e-3 * (1 - beta) * (1 - beta);
            double corrected1 = Math.abs(dominantAmplitude(lambda, beta, h, x0) - corrected(lambda, beta, h, x0));
            double corrected2 = Math.abs(dominantAmplitude(lambda, beta, h / 2, x0) - corrected(lambda, beta, h / 2, x0));
            double naive1 = Math.abs(dominantAmplitude(lambda, beta, h, x0) - x0);
            double naive2 = Math.abs(dominantAmplitude(lambda, beta, h / 2, x0) - x0);
            assertEquals(4.0, corrected1 / corrected2, 4 * RATIO_TOL, "beta = " + beta);
            assertEquals(2.0, naive1 / naive2, 2 * RATIO_TOL, "beta = " + beta);
        }
    }

    @Test
    void initialPoints() {
        TwoParameterToy toy = new TwoParameterToy();
        double[] x0 = {2.8, 3.4};
        double[] g = FlowRhsTest.gradient(toy, x0);
        assertArrayEquals(x0, FlowStart.NAIVE.initialPoint(toy, x0, 0.01, 0.9), 0.0);
        assertArrayEquals(x0, FlowStart.CORRECTED.initialPoint(toy, x0, 0.01, 0.0), 0.0);
        double s = 0.01 * 0.9 / (0.1 * 0.1);
        assertArrayEquals(new double[] {2.8 + s * g[0], 3.4 + s * g[1]}, FlowStart.CORRECTED.initialPoint(toy, x0, 0.01, 0.9), 1e-12);
        assertArrayEquals(new double[] {2.8, 3.4}, x0, 0.0);
    }

    /** A in x_k = A r₁^k + B r₂^k with x_{−1} = x_0 = x0, for x_{k+1} = (1+β−hλ)x_k − βx_{k−1}. */
    private static double dominantAmplitude(double lambda, double beta, double h, double x0) {
        double b = 1 + beta - h * lambda;
        double disc = Math.sqrt(b * b - 4 * beta);
        double r1 = (b + disc) / 2;
        double r2 = beta / r1;
        // A + B = x0, A/r1 + B/r2 = x0
        return x0 * (1 - 1 / r2) / (1 / r1 - 1 / r2);
    }

    private static double corrected(double lambda, double beta, double h, double x0) {
        return x0 + h * beta / ((1 - beta) * (1 - beta)) * lambda * x0;
    }
}
