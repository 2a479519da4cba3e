package org.momentumlab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.momentumlab.util.Check;
import org.momentumlab.util.Seeds;

/**
 * A small L2-regularized logistic regression with mini-batch losses, for the SGD+M checks of
 * {@link SgdmFlow} and {@link VarianceReduction}:
 * <pre>
 *   ℓ_i(x) = log(1 + exp(−y_i a_iᵀx)) + (λ/2)‖x‖²,     E_k(x) = (1/b) Σ_{i∈B_k} ℓ_i(x),
 *   ∇ℓ_i = −y_i σ(−y_i a_iᵀx) a_i + λx,                  ∇²ℓ_i = σ(z_i)σ(−z_i) a_i a_iᵀ + λI  (z_i = y_i a_iᵀx).
 * </pre>
 * Data: N examples with features a_i ~ N(0, I_d) and labels y_i = sign(a_iᵀw* + 0.5·noise) for a
 * random teacher w* (both from the seed's stream "data"). Batches: epochs of a seeded random
 * permutation (stream "batches") split into N/b consecutive batches of size b; B_k is generated lazily
 * and cached, so the sequence does not depend on how many batches are asked for. Not thread-safe.
 */
public final class LogisticBatches implements BatchSequence {
    private final double[][] features;
    private final double[] labels;
    private final double lambda;
    private final int batchSize;
    private final SplittableRandom batchRandom;
    private final List<int[]> batches = new ArrayList<>();

    /**
     * @param examples  N ≥ 1
     * @param dimension d ≥ 1
     * @param batchSize b in [1, N], dividing N
     * @param lambda    λ ≥ 0
     */
    public LogisticBatches(int examples, int dimension, int batchSize, double lambda, long seed) {
        Check.atLeast("examples", examples, 1);
        Check.atLeast("dimension", dimension, 1);
        Check.atLeast("batchSize", batchSize, 1);
        if (batchSize > examples || examples % batchSize != 0) {
            throw new IllegalArgumentException("batchSize = " + batchSize + " is not allowed: must divide examples = " + examples);
        }
        this.lambda = Check.nonNegative("lambda", lambda);
        this.batchSize = batchSize;
        SplittableRandom data = Seeds.stream(seed, "data");
        double[] teacher = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            teacher[j] = data.nextGaussian();
        }
        features = new double[examples][dimension];
        labels = new double[examples];
        for (int i = 0; i < examples; i++) {
            double m = 0;
            for (int j = 0; j < dimension; j++) {
                features[i][j] = data.nextGaussian();
                m += features[i][j] * teacher[j];
            }
            labels[i] = m + 0.5 * data.nextGaussian() >= 0 ? 1.0 : -1.0;
        }
        batchRandom = Seeds.stream(seed, "batches");
    }

    /** The default small problem: N = 32, d = 5, b = 4, λ = 0.01. */
    public static LogisticBatches small(long seed) {
        return new LogisticBatches(32, 5, 4, 0.01, seed);
    }

    @Override
    public int dimension() {
        return features[0].length;
    }

    public int exampleCount() {
        return features.length;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The example indices of B_k (a copy). */
    public int[] batch(int k) {
        return indices(k).clone();
    }

    private int[] indices(int k) {
        Check.atLeast("k", k, 0);
        int n = features.length;
        while (batches.size() <= k) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = batchRandom.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int s = 0; s < n; s += batchSize) {
                int[] b = new int[batchSize];
                System.arraycopy(perm, s, b, 0, batchSize);
                batches.add(b);
            }
        }
        return batches.get(k);
    }

    /** ℓ_i(x); adds (scale·∇ℓ_i(x)) to {@code grad} when it is not null. */
    public double exampleValueAndGradient(int i, double[] x, double[] grad, double scale) {
        double[] a = features[i];
        double z = 0;
        double xx = 0;
        for (int j = 0; j < a.length; j++) {
            z += a[j] * x[j];
            xx += x[j] * x[j];
        }
        z *= labels[i];
        double loss = Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))) + 0.5 * lambda * xx;
        if (grad != null) {
            double coef = -labels[i] * sigmoid(-z) * scale;
            for (int j = 0; j < a.length; j++) {
                grad[j] += coef * a[j] + scale * lambda * x[j];
            }
        }
        return loss;
    }

    @Override
    public double valueAndGradient(int k, double[] x, double[] grad) {
        int[] b = indices(k);
        java.util.Arrays.fill(grad, 0.0);
        double inv = 1.0 / b.length;
        double v = 0;
        for (int i : b) {
            v += exampleValueAndGradient(i, x, grad, inv);
        }
        return v * inv;
    }

    @Override
    public void hessianVectorProduct(int k, double[] x, double[] v, double[] out) {
        int[] b = indices(k);
        int d = x.length;
        double inv = 1.0 / b.length;
        for (int j = 0; j < d; j++) {
            out[j] = lambda * v[j];
        }
        for (int i : b) {
            double[] a = features[i];
            double z = 0;
            double av = 0;
            for (int j = 0; j < d; j++) {
                z += a[j] * x[j];
                av += a[j] * v[j];
            }
            double c = sigmoid(z) * sigmoid(-z) * av * inv;
            for (int j = 0; j < d; j++) {
                out[j] += c * a[j];
            }
        }
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }
}
