package org.momentumlab.data;

import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;
import org.momentumlab.util.Seeds;

/**
 * Draws training and test sets from distribution (D) (see {@link PatchDataSpec}).
 *
 * <p>Three independent streams are derived from the seed: {@code data/w_star}, {@code data/train}
 * and {@code data/test}. The test set therefore does not change when N changes, and neither set
 * depends on the thread count. Per example the draws are, in order: label, margin group, signal
 * position, then the noise patches (each a N(0, σ²I) vector projected onto the orthogonal
 * complement of w*).
 */
public final class PatchDataGenerator {
    private PatchDataGenerator() {
    }

    /** A training and a test set drawn with the same w*. */
    public record Split(PatchDataset train, PatchDataset test) {
    }

    public static Split generate(PatchDataSpec spec, long seed) {
        double[] w = featureDirection(spec, seed);
        PatchDataset train = sample(spec, w, spec.trainSize(), Seeds.stream(seed, "data/train"));
        PatchDataset test = sample(spec, w, spec.testSize(), Seeds.stream(seed, "data/test"));
        return new Split(train, test);
    }

    /** w* for this spec and seed: e₁, or a uniformly random unit vector from the {@code data/w_star} stream. */
    public static double[] featureDirection(PatchDataSpec spec, long seed) {
        int d = spec.dim();
        double[] w = new double[d];
        if (spec.wStar() == PatchDataSpec.FeatureDirection.BASIS) {
            w[0] = 1;
            return w;
        }
        GaussianSource g = new GaussianSource(Seeds.stream(seed, "data/w_star"));
        double norm;
        do {
            norm = 0;
            for (int k = 0; k < d; k++) {
                w[k] = g.next();
                norm += w[k] * w[k];
            }
        } while (norm == 0);
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            w[k] /= norm;
        }
        return w;
    }

    /** n examples of (D) with feature w, drawn from rng. */
    public static PatchDataset sample(PatchDataSpec spec, double[] w, int n, SplittableRandom rng) {
        int p = spec.patches();
        int d = spec.dim();
        double[] x = new double[n * p * d];
        byte[] labels = new byte[n];
        MarginGroup[] groups = new MarginGroup[n];
        int[] positions = new int[n];
        GaussianSource gauss = new GaussianSource(rng);
        for (int i = 0; i < n; i++) {
            int y = rng.nextBoolean() ? 1 : -1;
            boolean small = rng.nextDouble() < spec.mu();
            int pos = rng.nextInt(p);
            labels[i] = (byte) y;
            groups[i] = small ? MarginGroup.SMALL : MarginGroup.LARGE;
            positions[i] = pos;
            double c = (small ? spec.beta() : spec.alpha()) * y;
            for (int j = 0; j < p; j++) {
                int off = (i * p + j) * d;
                if (j == pos) {
                    for (int k = 0; k < d; k++) {
                        x[off + k] = c * w[k];
                    }
                } else {
                    double proj = 0;
                    for (int k = 0; k < d; k++) {
                        double z = spec.sigma() * gauss.next();
                        x[off + k] = z;
                        proj += z * w[k];
                    }
                    for (int k = 0; k < d; k++) {
                        x[off + k] -= proj * w[k];
                    }
                }
            }
        }
        return new PatchDataset(p, d, x, labels, groups, positions, w);
    }
}
