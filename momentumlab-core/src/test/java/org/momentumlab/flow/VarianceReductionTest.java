package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cov((1−β)∇G_k) / Cov(∇E_k) → (1−β)/(1+β) with independent batches (Ghosh et al., ICLR 2023). */
class VarianceReductionTest {
    private static final VarianceReduction.GradientNoise SYNTHETIC =
            VarianceReduction.gaussian(new double[] {1, 2, 3}, new double[] {1, 0.5, 2});

    @Test
    void exactRatioIsTheGeometricSum() {
        for (double beta : new double[] {0.0, 0.5, 0.9}) {
            double s = 0;
            for (int j = 0; j <= 30; j++) {
                s += Math.pow(beta, 2 * j);
            }
            assertEquals((1 - beta) * (1 - beta) * s, VarianceReduction.exactRatio(beta, 30), 1e-14);
        }
        int k = VarianceReduction.historyFor(0.9, 1e-10);
        assertTrue(Math.pow(0.9, 2 * (k + 1)) <= 1e-10 && Math.pow(0.9, 2 * k) > 1e-10);
    }

    @ParameterizedTest(name = "beta = {0}")
    @ValueSource(doubles = {0.5, 0.9})
    void syntheticRatioCoversClaim(double beta) {
        int k = VarianceReduction.historyFor(beta, 1e-10);
        VarianceReduction.Estimate e = VarianceReduction.estimate(SYNTHETIC, beta, k, 20_000, 5);
        assertEquals(5.25, e.traceBatch(), 0.15);
        assertTrue(e.covers(e.claimed()), e.toString());
        assertTrue(e.upper() - e.lower() < 0.05 * e.claimed(), "interval too wide: " + e);
    }

    @Test
    void miniBatchRatioOnLogisticDataCoversClaim() {
        LogisticBatches data = LogisticBatches.small(11);
        VarianceReduction.Estimate e = VarianceReduction.estimate(
                VarianceReduction.miniBatch(data, new double[] {0.5, -0.3, 0.8, 0.1, -0.6}, 4),
                0.8, VarianceReduction.historyFor(0.8, 1e-10), 20_000, 6);
        assertTrue(e.covers(e.claimed()), e.toString());
    }

    /** The delta-method 95% interval covers the true ratio in about 95% of independent seeds. */
    @Test
    void intervalCoverage() {
        int hits = 0;
        int seeds = 60;
        double beta = 0.5;
        int k = VarianceReduction.historyFor(beta, 1e-10);
        for (int s = 0; s < seeds; s++) {
            if (VarianceReduction.estimate(SYNTHETIC, beta, k, 2_000, 100 + s).covers(VarianceReduction.claimedRatio(beta))) {
                hits++;
            }
        }
        // Binomial(60, 0.95): P(hits < 52) ≈ 0.3%
        assertTrue(hits >= 52, "coverage " + hits + "/" + seeds);
    }
}
