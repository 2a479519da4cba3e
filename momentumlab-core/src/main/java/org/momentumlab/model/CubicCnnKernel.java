package org.momentumlab.model;

import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * The deterministic, multithreaded driver shared by the float64 and float32 kernels of
 * {@link CubicCnn}: blocked layout bookkeeping, fixed chunking, per-chunk result slots and their
 * reduction in chunk order.
 *
 * <p>Examples are grouped in blocks of {@code lanes} (B) examples; the last block is padded with
 * zero examples of label 0, which contribute nothing. A chunk is a fixed run of
 * {@link #CHUNK_EXAMPLES} / B blocks, independent of the thread count. Chunk c writes its summed
 * loss into {@code slotLoss[c]} and its summed gradient into {@code slotGrad[c·md ...]}; after the
 * pool returns, the slots are added in increasing c. A mini-batch is processed the same way: each
 * chunk gathers its blocks of the batch, one block at a time, into per-thread scratch.
 *
 * <p>Not thread-safe: one call at a time per instance (the scratch is shared).
 */
abstract class CubicCnnKernel implements ComputePool.WorkerChunkTask {
    /** Examples per chunk: fixed, so that results do not depend on the thread count. */
    static final int CHUNK_EXAMPLES = 512;

    static final int MODE_GRADIENT = 0;
    static final int MODE_VALUE = 1;
    static final int MODE_OUTPUTS = 2;

    final int n;
    final int m;
    final int p;
    final int d;
    final int md;
    /** B, the logical number of examples per block (SIMD lanes, fixed per precision). */
    final int lanes;
    /** Entries of one block: P·d·B. */
    final int blockSize;
    final int blockCount;
    final int chunkBlocks;
    final ComputePool pool;
    /** Labels ±1 of the examples, padded with 0 to blockCount·B. */
    final double[] labels;

    // state of the current call (fields, so that the pool task allocates nothing)
    int mode;
    /** When set, nothing is flushed to zero (the reference arithmetic, slow where shares are subnormal). */
    boolean exact;
    /** How many gradient calls were recomputed without flushing (see {@link #exactBelow()}). */
    long exactRecomputes;
    boolean gathered;
    int[] batchIndices;
    int batchFrom;
    int batchSize;
    int batchBlocks;
    double[] outputs;
    double[] slotLoss;
    double[] slotGrad;

    CubicCnnKernel(PatchDataset data, int neurons, int lanes, ComputePool pool) {
        this.n = data.size();
        this.m = neurons;
        this.p = data.patchCount();
        this.d = data.dim();
        this.md = Math.multiplyExact(neurons, d);
        this.lanes = lanes;
        this.blockSize = Math.multiplyExact(Math.multiplyExact(p, d), lanes);
        this.blockCount = (n + lanes - 1) / lanes;
        this.chunkBlocks = CHUNK_EXAMPLES / lanes;
        this.pool = pool;
        this.labels = new double[blockCount * lanes];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
        }
        int chunks = chunksFor(blockCount);
        this.slotLoss = new double[chunks * MAX_SETS];
        this.slotGrad = new double[chunks * MAX_SETS * md];
    }

    /** Whether some raw gradient entry of some set (summed over chunks in order) is below {@link #exactBelow()}. */
    private boolean tinyEntry(int chunks) {
        double limit = exactBelow();
        for (int q = 0; q < sets * md; q++) {
            double g = 0;
            for (int c = 0, o = q; c < chunks; c++, o += sets * md) {
                g += slotGrad[o];
            }
            if (Math.abs(g) < limit) {
                return true;
            }
        }
        return false;
    }

    final int chunksFor(int blocks) {
        return (blocks + chunkBlocks - 1) / chunkBlocks;
    }

    /** Makes the call's weights available to the chunk code (float64 keeps the reference, float32 converts). */
    /**
     * A raw gradient entry (sum over the examples) smaller than this in magnitude could differ in its
     * last bits from the unflushed reference; such a call is recomputed with {@link #exact} set.
     */
    abstract double exactBelow();

    /** The most weight sets one pass evaluates ({@link #evaluate} splits larger calls). */
    static final int MAX_SETS = 4;

    /** Makes weight sets {@code ws[0..k)} available to the chunk code (float64 keeps the references, float32 converts). */
    abstract void loadWeights(double[][] ws, int k);

    /** Drops references to the caller's arrays after a call. */
    abstract void releaseWeights();

    /**
     * Processes blocks [firstBlock, endBlock) of the current batch on thread {@code worker} for each of
     * the {@link #sets} weight sets: writes set κ's summed loss into {@code slotLoss[chunk·sets + κ]}
     * and, in gradient mode, its summed gradient into {@code slotGrad[(chunk·sets + κ)·md ...]}.
     */
    abstract void processChunk(int chunk, int worker, int firstBlock, int endBlock);

    @Override
    public final void run(int chunk, int worker) {
        int first = chunk * chunkBlocks;
        int end = Math.min(first + chunkBlocks, batchBlocks);
        processChunk(chunk, worker, first, end);
    }

    /**
     * Runs one evaluation over the full data set ({@code indices == null}) or the mini-batch
     * {@code indices[from..to)}.
     *
     * @param grad output of the mean data-term gradient (gradient mode only), overwritten
     * @param out  output of f_W(X_i) per example (output mode only), overwritten
     * @return the mean data loss (value and gradient modes)
     */
    final double evaluate(int mode, double[] w, double[] grad, double[] out, int[] indices, int from, int to) {
        one[0] = w;
        oneGrad[0] = grad;
        try {
            evaluate(mode, one, oneGrad, oneLoss, 1, out, indices, from, to);
        } finally {
            one[0] = null;
            oneGrad[0] = null;
        }
        return oneLoss[0];
    }

    private final double[][] one = new double[1][];
    private final double[][] oneGrad = new double[1][];
    private final double[] oneLoss = new double[1];

    /**
     * Evaluates {@code k} weight sets in passes over the data that share each block between them (up
     * to {@link #MAX_SETS} at a time): each set's loss and gradient have exactly the bits of its own
     * {@link #evaluate(int, double[], double[], double[], int[], int, int) single evaluation}.
     *
     * @param losses out: the mean data loss of each set
     */
    final void evaluate(int mode, double[][] ws, double[][] grads, double[] losses, int k, double[] out, int[] indices, int from, int to) {
        if (mode == MODE_OUTPUTS && k != 1) {
            throw new IllegalArgumentException("outputs are computed for one weight set at a time");
        }
        this.mode = mode;
        this.gathered = indices != null;
        this.batchIndices = indices;
        this.batchFrom = from;
        this.batchSize = gathered ? to - from : n;
        this.batchBlocks = (batchSize + lanes - 1) / lanes;
        this.outputs = out;
        boolean cache = mode == MODE_GRADIENT && !gathered;
        if (cache) {
            prepareOutputCache(k);
        }
        this.cacheOutputs = cache ? outputCache : null;
        int chunks = chunksFor(batchBlocks);
        if (slotLoss.length < chunks * MAX_SETS) { // grows once, or for a mini-batch larger than N
            slotLoss = new double[chunks * MAX_SETS];
            slotGrad = new double[chunks * MAX_SETS * md];
        }
        try {
            for (int first = 0; first < k; first += MAX_SETS) {
                int count = Math.min(MAX_SETS, k - first);
                group = first;
                sets = count;
                loadWeights(ws, count);
                try {
                    pool.run(chunks, this);
                    if (mode == MODE_GRADIENT && !exact && tinyEntry(chunks)) {
                        exact = true;
                        exactRecomputes++;
                        try {
                            pool.run(chunks, this);
                        } finally {
                            exact = false;
                        }
                    }
                } finally {
                    releaseWeights();
                }
                for (int set = 0; set < count; set++) {
                    double loss = 0;
                    for (int c = 0; c < chunks; c++) {
                        loss += slotLoss[c * count + set];
                    }
                    losses[first + set] = loss / batchSize;
                    if (mode == MODE_GRADIENT) {
                        double[] grad = grads[first + set];
                        for (int q = 0; q < md; q++) {
                            double g = 0;
                            for (int c = 0, o = set * md + q; c < chunks; c++, o += count * md) {
                                g += slotGrad[o];
                            }
                            grad[q] = g / batchSize;
                        }
                    }
                }
            }
            if (cache) {
                for (int i = 0; i < k; i++) {
                    System.arraycopy(ws[i], 0, cacheWeights[i], 0, md);
                }
                cached = k;
            }
        } finally {
            this.batchIndices = null;
            this.outputs = null;
            this.cacheOutputs = null;
        }
    }

    /**
     * Outputs of the last full-batch gradient evaluation, per weight set: a full-batch gradient
     * computes every f_W(X_i) anyway, so the kernel keeps them (with a copy of the weights) and a
     * probe asking for the outputs at the same weights right after — as every probe step of full-batch
     * training does — gets them without another pass. They are the bits {@link #MODE_OUTPUTS} computes
     * (the same forward pass).
     */
    private double[][] outputCache = new double[0][];
    private double[][] cacheWeights = new double[0][];
    private int cached;
    /** The cache rows the running pass writes ({@code cacheOutputs[group + κ][i]}), or null. */
    double[][] cacheOutputs;

    private void prepareOutputCache(int k) {
        cached = 0; // rewritten by this pass
        if (outputCache.length < k) {
            double[][] o = java.util.Arrays.copyOf(outputCache, k);
            double[][] w = java.util.Arrays.copyOf(cacheWeights, k);
            for (int i = outputCache.length; i < k; i++) {
                o[i] = new double[n];
                w[i] = new double[md];
            }
            outputCache = o;
            cacheWeights = w;
        }
    }

    /** Copies into {@code out} the outputs at {@code w} if the last full-batch gradient evaluation had exactly these weights. */
    final boolean cachedOutputs(double[] w, double[] out) {
        for (int i = 0; i < cached; i++) {
            if (java.util.Arrays.equals(cacheWeights[i], w)) {
                System.arraycopy(outputCache[i], 0, out, 0, n);
                return true;
            }
        }
        return false;
    }

    /** The first set of the current group (weight set {@code group + κ} is slot κ) and the group's size. */
    int group;
    int sets;
}
