package org.momentumlab.train;

import java.util.SplittableRandom;
import org.momentumlab.util.Check;

/**
 * Mini-batch order. By epochs (the default): each epoch is a fresh permutation of the N examples
 * (Fisher–Yates from a seeded stream), cut into consecutive batches of {@code batchSize}; the last
 * batch of an epoch may be smaller (as torch's DataLoader with drop_last = False). With replacement
 * ({@link #withReplacement}): every step draws {@code batchSize} indices independently and uniformly
 * from [0, N) (i_t ~ U{0..N−1}, the stochastic gradient of SGD analyses such as Wang, Lin &amp;
 * Abernethy's Algorithm 1). Batch size 0 means full batch. Allocation-free after construction.
 */
public final class BatchPlan {
    private final int n;
    private final int batchSize;
    private final int[] order;
    private final SplittableRandom rng;
    private final boolean replacement;
    private int position;

    /**
     * @param n         number of examples
     * @param batchSize examples per step, in [1, n]; 0 for full batch
     * @param rng       the shuffling stream (consumed)
     */
    public BatchPlan(int n, int batchSize, SplittableRandom rng) {
        this(n, batchSize, rng, false);
    }

    /** Batches of {@code batchSize} indices drawn uniformly with replacement at every step (0 = full batch). */
    public static BatchPlan withReplacement(int n, int batchSize, SplittableRandom rng) {
        return new BatchPlan(n, batchSize, rng, true);
    }

    private BatchPlan(int n, int batchSize, SplittableRandom rng, boolean replacement) {
        Check.atLeast("train.examples", n, 1);
        Check.atLeast("train.batch_size", batchSize, 0);
        if (batchSize > n) {
            throw new IllegalArgumentException("train.batch_size = " + batchSize + " is out of range: must be <= the number of training examples " + n + " (0 = full batch)");
        }
        this.n = n;
        this.batchSize = batchSize;
        this.rng = rng;
        this.replacement = replacement;
        this.order = new int[replacement ? Math.max(batchSize, 1) : n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.position = replacement ? 0 : n;
    }

    public boolean fullBatch() {
        return batchSize == 0;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Whether each step's indices are drawn with replacement. */
    public boolean withReplacement() {
        return replacement;
    }

    /** Steps per epoch: ceil(N / batch) (1 for full batch). */
    public int stepsPerEpoch() {
        return batchSize == 0 ? 1 : (n + batchSize - 1) / batchSize;
    }

    /** The current permutation (with replacement: the step's indices); valid between {@link #next()} calls. */
    public int[] order() {
        return order;
    }

    /** Advances to the next batch and returns its start in {@link #order()}; its end is {@link #end()}. */
    public int next() {
        if (replacement) {
            for (int k = 0; k < batchSize; k++) {
                order[k] = rng.nextInt(n);
            }
            position = batchSize;
            return 0;
        }
        if (position >= n) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            position = 0;
        }
        int start = position;
        position = Math.min(n, position + batchSize);
        return start;
    }

    /** End (exclusive) of the batch returned by the last {@link #next()}. */
    public int end() {
        return position;
    }
}
