package org.momentumlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataSpec.FeatureDirection;

class PatchDataGeneratorTest {
    static final double ORTHO_TOL = 1e-12;
    /** Statistical checks allow 5 standard deviations: a false alarm has probability below 1e-6. */
    static final double SIGMAS = 5;

    static PatchDataSpec spec(int n, double mu, FeatureDirection w) {
        return new PatchDataSpec(n, 500, 5, 30, PatchDataSpec.theoryAlpha(30), 0.3, mu, 1.0, w);
    }

    @Test
    void noisePatchesAreOrthogonalToTheFeatureAndSignalPatchIsCw() {
        for (FeatureDirection dir : FeatureDirection.values()) {
            PatchDataSpec s = spec(2000, 0.2, dir);
            PatchDataset d = PatchDataGenerator.generate(s, 11).train();
            double[] w = d.wStar();
            assertEquals(1.0, norm(w, 0, w.length), 1e-14);
            for (int i = 0; i < d.size(); i++) {
                for (int j = 0; j < d.patchCount(); j++) {
                    int off = d.offset(i, j);
                    double proj = 0;
                    for (int k = 0; k < d.dim(); k++) {
                        proj += d.patches()[off + k] * w[k];
                    }
                    if (j == d.signalPosition(i)) {
                        double c = (d.group(i) == MarginGroup.LARGE ? s.alpha() : s.beta()) * d.label(i);
                        assertEquals(c, proj, 1e-12 * Math.abs(c) + 1e-15);
                        assertEquals(Math.abs(c), norm(d.patches(), off, d.dim()), 1e-12 * Math.abs(c) + 1e-15);
                    } else {
                        assertEquals(0.0, proj, ORTHO_TOL, "example " + i + " patch " + j);
                    }
                }
            }
        }
    }

    @Test
    void noiseHasVarianceSigmaSquaredInTheOrthogonalComplement() {
        PatchDataSpec s = new PatchDataSpec(4000, 1, 3, 10, 1, 0.1, 0.1, 2.0, FeatureDirection.RANDOM);
        PatchDataset d = PatchDataGenerator.generate(s, 3).train();
        double sumSq = 0;
        long count = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.patchCount(); j++) {
                if (j != d.signalPosition(i)) {
                    double n = norm(d.patches(), d.offset(i, j), d.dim());
                    sumSq += n * n;
                    count++;
                }
            }
        }
        // E||z||^2 = sigma^2 (d - 1); ||z||^2/sigma^2 ~ chi^2_{d-1} has variance 2(d-1).
        double mean = sumSq / count / (s.sigma() * s.sigma());
        assertEquals(9.0, mean, SIGMAS * Math.sqrt(2 * 9.0 / count));
    }

    @Test
    void smallMarginFractionIsMuAndLabelsAreBalanced() {
        int n = 20000;
        double mu = 0.1;
        PatchDataset d = PatchDataGenerator.generate(spec(n, mu, FeatureDirection.BASIS), 5).train();
        double frac = (double) d.count(MarginGroup.SMALL) / n;
        assertEquals(mu, frac, SIGMAS * Math.sqrt(mu * (1 - mu) / n));
        double ySum = 0;
        int[] positions = new int[d.patchCount()];
        for (int i = 0; i < n; i++) {
            ySum += d.label(i);
            positions[d.signalPosition(i)]++;
        }
        assertEquals(0.0, ySum / n, SIGMAS / Math.sqrt(n));
        double p = 1.0 / d.patchCount();
        for (int c : positions) {
            assertEquals(p, (double) c / n, SIGMAS * Math.sqrt(p * (1 - p) / n));
        }
    }

    @Test
    void muZeroAndOneGiveSingleGroups() {
        assertEquals(0, PatchDataGenerator.generate(spec(500, 0, FeatureDirection.BASIS), 1).train().count(MarginGroup.SMALL));
        assertEquals(500, PatchDataGenerator.generate(spec(500, 1, FeatureDirection.BASIS), 1).train().count(MarginGroup.SMALL));
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        PatchDataSpec s = spec(300, 0.2, FeatureDirection.RANDOM);
        PatchDataGenerator.Split a = PatchDataGenerator.generate(s, 42);
        PatchDataGenerator.Split b = PatchDataGenerator.generate(s, 42);
        PatchDataGenerator.Split c = PatchDataGenerator.generate(s, 43);
        assertArrayEquals(a.train().patches(), b.train().patches());
        assertArrayEquals(a.test().patches(), b.test().patches());
        assertArrayEquals(a.train().wStar(), b.train().wStar());
        assertFalse(java.util.Arrays.equals(a.train().patches(), c.train().patches()));
        assertFalse(java.util.Arrays.equals(a.train().wStar(), c.train().wStar()));
    }

    @Test
    void trainAndTestStreamsAreIndependent() {
        // The test set does not depend on the training-set size ...
        PatchDataset t1 = PatchDataGenerator.generate(spec(100, 0.2, FeatureDirection.BASIS), 9).test();
        PatchDataset t2 = PatchDataGenerator.generate(spec(3000, 0.2, FeatureDirection.BASIS), 9).test();
        assertArrayEquals(t1.patches(), t2.patches());
        // ... and its labels are uncorrelated with the training labels of the same seed.
        PatchDataGenerator.Split s = PatchDataGenerator.generate(spec(20000, 0.2, FeatureDirection.BASIS), 9);
        PatchDataset big = PatchDataGenerator.generate(new PatchDataSpec(1, 20000, 5, 30, 1, 0.3, 0.2, 1, FeatureDirection.BASIS), 9).test();
        double corr = 0;
        for (int i = 0; i < 20000; i++) {
            corr += s.train().label(i) * big.label(i);
        }
        assertEquals(0.0, corr / 20000, SIGMAS / Math.sqrt(20000));
    }

    @Test
    void subsetKeepsGroupsAndMetadata() {
        PatchDataset d = PatchDataGenerator.generate(spec(1000, 0.3, FeatureDirection.BASIS), 2).train();
        PatchDataset small = d.subset(MarginGroup.SMALL);
        PatchDataset large = d.subset(MarginGroup.LARGE);
        assertEquals(d.size(), small.size() + large.size());
        assertEquals(small.size(), small.count(MarginGroup.SMALL));
        int[] idx = d.indicesOf(MarginGroup.SMALL);
        for (int k = 0; k < idx.length; k++) {
            assertEquals(d.label(idx[k]), small.label(k));
            assertEquals(d.signalPosition(idx[k]), small.signalPosition(k));
            assertEquals(d.patches()[d.offset(idx[k], 1) + 3], small.patches()[small.offset(k, 1) + 3]);
        }
    }

    @Test
    void invalidParametersNameFieldValueAndRange() {
        assertMessage("data.mu = 1.5 is out of range: must be in [0, 1]",
                () -> new PatchDataSpec(10, 10, 5, 30, 1, 0.1, 1.5, 1, FeatureDirection.BASIS));
        assertMessage("data.sigma = -1.0 is out of range: must be >= 0",
                () -> new PatchDataSpec(10, 10, 5, 30, 1, 0.1, 0.1, -1, FeatureDirection.BASIS));
        assertMessage("data.patches = 0 is out of range: must be >= 1",
                () -> new PatchDataSpec(10, 10, 0, 30, 1, 0.1, 0.1, 1, FeatureDirection.BASIS));
        assertMessage("data.d = 0 is out of range: must be >= 1",
                () -> new PatchDataSpec(10, 10, 5, 0, 1, 0.1, 0.1, 1, FeatureDirection.BASIS));
        assertMessage("data.n_train = 0 is out of range: must be >= 1",
                () -> new PatchDataSpec(0, 10, 5, 30, 1, 0.1, 0.1, 1, FeatureDirection.BASIS));
        assertMessage("data.mu = NaN is not a finite number",
                () -> new PatchDataSpec(10, 10, 5, 30, 1, 0.1, Double.NaN, 1, FeatureDirection.BASIS));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertEquals(expected, ex.getMessage());
        assertTrue(ex.getMessage().length() < 200);
    }

    static double norm(double[] a, int off, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[off + k] * a[off + k];
        }
        return Math.sqrt(s);
    }
}
