package org.momentumlab.data;

import org.momentumlab.util.Check;

/**
 * Parameters of the patch distribution (D) of Jelassi &amp; Li (ICML 2022), §2.
 *
 * <p>Label y uniform in {−1, +1}; input X = (X[1..P]), X[j] ∈ R^d. One patch, at a position drawn
 * uniformly from [P], is c·w* with c = α·y with probability 1 − μ (large margin) and c = β·y with
 * probability μ (small margin); every other patch is N(0, σ²(I − w*w*ᵀ)).
 *
 * @param trainSize  N, number of training examples (≥ 1)
 * @param testSize   number of test examples (≥ 1)
 * @param patches    P (≥ 1)
 * @param dim        d (≥ 1)
 * @param alpha      large-margin signal strength α (≥ 0)
 * @param beta       small-margin signal strength β (≥ 0)
 * @param mu         probability μ of the small margin, in [0, 1]
 * @param sigma      noise standard deviation σ (≥ 0)
 * @param wStar      how the feature w* is chosen
 */
public record PatchDataSpec(int trainSize, int testSize, int patches, int dim, double alpha, double beta,
                            double mu, double sigma, FeatureDirection wStar) {

    /** How w* is chosen. */
    public enum FeatureDirection {
        /** w* = e₁, the first standard basis vector (default; fixed across seeds). */
        BASIS,
        /** w* uniform on the unit sphere, drawn from the data seed. */
        RANDOM
    }

    public PatchDataSpec {
        Check.atLeast("data.n_train", trainSize, 1);
        Check.atLeast("data.n_test", testSize, 1);
        Check.atLeast("data.patches", patches, 1);
        Check.atLeast("data.d", dim, 1);
        Check.nonNegative("data.alpha", alpha);
        Check.nonNegative("data.beta", beta);
        Check.closed("data.mu", mu, 0, 1);
        Check.nonNegative("data.sigma", sigma);
        if (wStar == null) {
            throw new IllegalArgumentException("data.w_star is missing: must be basis or random");
        }
    }

    /** The theory's scale α = d^0.49. */
    public static double theoryAlpha(int d) {
        return Math.pow(d, 0.49);
    }
}
