package org.momentumlab.model;

import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.Check;
import org.momentumlab.util.ComputePool;

/**
 * The two-layer convolutional network with cubic activation of Jelassi &amp; Li, "Towards
 * understanding how momentum improves generalization in deep learning" (ICML 2022), eq. (CNN), with
 * its training objective, eq. (P).
 *
 * <p>Model: f_W(X) = Σ_{r=1..m} Σ_{j=1..P} ⟨w_r, X[j]⟩³, W ∈ R^{m×d} (second layer fixed to 1),
 * stored flat as {@code W[r·d + k]}. Objective over a patch data set {(X_i, y_i)}:
 * L(W) = (1/N) Σ_i log(1 + exp(−y_i f_W(X_i))) + (λ/2)‖W‖²; on a mini-batch B the mean runs over B.
 * Gradient: ∇_{w_r} L = (1/N) Σ_i ℓ'_i Σ_j 3⟨w_r, X_i[j]⟩² X_i[j] + λ w_r with
 * ℓ'_i = −y_i σ(−y_i f_W(X_i)). The loss is evaluated as max(−z, 0) + log1p(exp(−|z|)) and the
 * sigmoid from the same exp(−|z|), so neither overflows.
 *
 * <p>Loss and gradient come from a fused SIMD kernel ({@link CubicCnnKernel64},
 * {@link CubicCnnKernel32}): one pass over a private copy of the data in a blocked layout
 * [block][patch][coordinate][example lane], forward and backward per block while the block is in
 * L1, parallel over a fixed chunking of the examples on the given {@link ComputePool}; per-chunk
 * partial results are reduced in chunk order, so every result is bitwise identical for any thread
 * count and any SIMD width (a mini-batch listing all examples in order gives the full-batch result
 * exactly). With {@link Precision#FLOAT32} the data and inner sums are float (per-example loss and
 * chunk reductions in double). The Hessian-vector product is analytic, in double, from the original
 * double data, whatever the precision.
 *
 * <p>No method modifies its input arrays ({@code W}, {@code V}, {@code indices}); outputs
 * ({@code grad}, {@code out}) are overwritten. Steady-state calls allocate nothing. An instance is
 * not thread-safe (it owns scratch memory), and a pool runs one loop at a time, so models sharing a
 * pool must be called from one thread at a time; the data set must not change after construction.
 */
public final class CubicCnn implements SharedPassObjective {
    private final PatchDataset data;
    private final int neurons;
    private final double lambda;
    private final Precision precision;
    private final ComputePool pool;
    private final CubicCnnKernel kernel;
    private final CubicCnnHessian hessian;

    /**
     * Builds the model and copies the data into the kernel's blocked layout.
     *
     * @param data      the training set (N examples of P patches in R^d); not modified, not copied
     *                  for the Hessian
     * @param neurons   m ≥ 1
     * @param lambda    λ ≥ 0, finite
     * @param precision kernel precision
     * @param pool      threads for the kernel (not closed by this model)
     */
    public CubicCnn(PatchDataset data, int neurons, double lambda, Precision precision, ComputePool pool) {
        if (data == null || precision == null || pool == null) {
            throw new NullPointerException("data, precision and pool must be given");
        }
        Check.atLeast("model.neurons", neurons, 1);
        Check.nonNegative("model.lambda", lambda);
        this.data = data;
        this.neurons = neurons;
        this.lambda = lambda;
        this.precision = precision;
        this.pool = pool;
        this.kernel = precision == Precision.FLOAT64
                ? new CubicCnnKernel64(data, neurons, pool)
                : new CubicCnnKernel32(data, neurons, pool);
        this.hessian = new CubicCnnHessian(data, neurons);
    }

    /** m·d. */
    @Override
    public int dimension() {
        return neurons * data.dim();
    }

    @Override
    public int exampleCount() {
        return data.size();
    }

    /** m, the number of neurons (filters). */
    public int neurons() {
        return neurons;
    }

    /** d, the patch dimension. */
    public int dim() {
        return data.dim();
    }

    /** P, the number of patches per example. */
    public int patches() {
        return data.patchCount();
    }

    public double lambda() {
        return lambda;
    }

    public Precision precision() {
        return precision;
    }

    public PatchDataset data() {
        return data;
    }

    /** The pool the kernel runs on. */
    public ComputePool pool() {
        return pool;
    }

    /**
     * The training data as the float64 kernel holds them, for probes that stream the data the way the
     * kernel does (the same memory, so no second copy and warmer caches); null for the float32 kernel.
     * Entry k of patch j of example i is at {@code offset + ((⌊i/lanes⌋·P + j)·d + k)·lanes + i mod lanes};
     * the lanes after the last example are zero. Read-only.
     */
    public Blocks float64Blocks() {
        return kernel instanceof CubicCnnKernel64 k64 ? new Blocks(k64.data(), CubicCnnKernel64.PAD, CubicCnnKernel64.LANES) : null;
    }

    /** See {@link #float64Blocks()}. */
    public record Blocks(double[] array, int offset, int lanes) {
    }

    /** Full-batch L(W); writes ∇L(W) into {@code grad}. {@code W} is not modified. */
    @Override
    public double valueAndGradient(double[] w, double[] grad) {
        checkLength("W", w);
        checkLength("grad", grad);
        double loss = kernel.evaluate(CubicCnnKernel.MODE_GRADIENT, w, grad, null, null, 0, 0);
        return loss + regularize(w, grad);
    }

    /**
     * Mini-batch L_B(W) over the examples {@code indices[from..to)} (repeats allowed, each counts);
     * writes ∇L_B(W) into {@code grad}. Inputs are not modified.
     */
    @Override
    public double valueAndGradient(double[] w, double[] grad, int[] indices, int from, int to) {
        checkLength("W", w);
        checkLength("grad", grad);
        checkBatch(indices, from, to);
        double loss = kernel.evaluate(CubicCnnKernel.MODE_GRADIENT, w, grad, null, indices, from, to);
        return loss + regularize(w, grad);
    }

    /** Full batch for W_0..W_{k−1} in shared passes over the data (up to four per pass); bits as one call each. */
    @Override
    public void valuesAndGradients(double[][] ws, double[][] grads, double[] values, int k) {
        checkSets(ws, grads, values, k);
        kernel.evaluate(CubicCnnKernel.MODE_GRADIENT, ws, grads, values, k, null, null, 0, 0);
        for (int i = 0; i < k; i++) {
            values[i] += regularize(ws[i], grads[i]);
        }
    }

    /** As {@link #valuesAndGradients(double[][], double[][], double[], int)} on the mini-batch {@code indices[from..to)}. */
    @Override
    public void valuesAndGradients(double[][] ws, double[][] grads, double[] values, int k, int[] indices, int from, int to) {
        checkSets(ws, grads, values, k);
        checkBatch(indices, from, to);
        kernel.evaluate(CubicCnnKernel.MODE_GRADIENT, ws, grads, values, k, null, indices, from, to);
        for (int i = 0; i < k; i++) {
            values[i] += regularize(ws[i], grads[i]);
        }
    }

    private void checkSets(double[][] ws, double[][] grads, double[] values, int k) {
        if (k < 1 || ws.length < k || grads.length < k || values.length < k) {
            throw new IllegalArgumentException("k = " + k + " weight sets need ws, grads and values of at least that length, got "
                    + ws.length + ", " + grads.length + ", " + values.length);
        }
        for (int i = 0; i < k; i++) {
            checkLength("W[" + i + "]", ws[i]);
            checkLength("grad[" + i + "]", grads[i]);
        }
    }

    /** Full-batch L(W) by the forward pass only. */
    @Override
    public double value(double[] w) {
        checkLength("W", w);
        double loss = kernel.evaluate(CubicCnnKernel.MODE_VALUE, w, null, null, null, 0, 0);
        return loss + regularize(w, null);
    }

    /**
     * Writes f_W(X_i) into {@code out[i]} for every example i (in the kernel's precision); right
     * after a full-batch gradient at the same weights, from that pass (the same bits, no new pass).
     *
     * @param out output, length ≥ N; overwritten
     */
    public void outputs(double[] w, double[] out) {
        checkLength("W", w);
        if (out.length < data.size()) {
            throw new IllegalArgumentException("out has length " + out.length + ", expected at least N = " + data.size());
        }
        if (!kernel.cachedOutputs(w, out)) {
            kernel.evaluate(CubicCnnKernel.MODE_OUTPUTS, w, null, out, null, 0, 0);
        }
    }

    /** Analytic H(W)·V (see {@link CubicCnnHessian}), in double; writes into {@code out}. */
    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        checkLength("W", w);
        checkLength("V", v);
        checkLength("out", out);
        hessian.product(w, v, lambda, out);
    }

    /** Adds λW to grad (when given) and returns (λ/2)‖W‖². */
    private double regularize(double[] w, double[] grad) {
        if (lambda == 0) {
            return 0;
        }
        double sq = 0;
        for (int q = 0; q < w.length; q++) {
            sq += w[q] * w[q];
            if (grad != null) {
                grad[q] += lambda * w[q];
            }
        }
        return 0.5 * lambda * sq;
    }

    private void checkLength(String name, double[] a) {
        if (a.length != dimension()) {
            throw new IllegalArgumentException(name + " has length " + a.length + ", expected m·d = "
                    + neurons + "·" + data.dim() + " = " + dimension());
        }
    }

    private void checkBatch(int[] indices, int from, int to) {
        if (from < 0 || to > indices.length || from >= to) {
            throw new IllegalArgumentException("mini-batch range [" + from + ", " + to + ") is empty or outside indices of length "
                    + indices.length);
        }
        int n = data.size();
        for (int q = from; q < to; q++) {
            if (indices[q] < 0 || indices[q] >= n) {
                throw new IllegalArgumentException("indices[" + q + "] = " + indices[q] + " is out of range: must be in [0, " + n + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "CubicCnn[m=" + neurons + ", P=" + patches() + ", d=" + dim() + ", N=" + exampleCount() + ", lambda=" + lambda
                + ", " + precision + ", threads=" + pool.threads() + "]";
    }

    /** How many gradient calls so far had a tiny entry and were recomputed without flushing subnormal shares (for tests). */
    long exactRecomputes() {
        return kernel.exactRecomputes;
    }

    /** W⁰ ~ N(0, σ0²) entrywise, drawn from the stream {@code model/init} of {@code seed}. */
    public static double[] initialWeights(int dimension, double initStd, long seed) {
        org.momentumlab.util.GaussianSource g = new org.momentumlab.util.GaussianSource(org.momentumlab.util.Seeds.stream(seed, "model/init"));
        double[] w = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            w[i] = initStd * g.next();
        }
        return w;
    }
}
