package org.momentumlab.model.nets;

import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.util.Check;
import org.momentumlab.util.ComputePool;

/**
 * The training objective of a {@link Network} on a labelled data set, Jelassi &amp; Li (ICML 2022),
 * Table 1: L(θ) = (1/N) Σ_i log(1 + exp(−y_i f_θ(x_i))) + (λ/2)‖θ‖², with ‖θ‖² over every
 * parameter (biases included); on a mini-batch B the mean runs over B. Gradients are hand-written
 * backpropagation ({@link Network#backward}); the loss is evaluated as
 * max(−z, 0) + log1p(exp(−|z|)), z = y·f, and ℓ′ = −y·σ(−z) from the same exp(−|z|), so neither
 * overflows.
 *
 * <p>Parallelism: the examples (or the mini-batch) are cut into chunks of {@link #CHUNK} consecutive
 * ones, independent of the thread count; a chunk is one block of the {@link Layer} row layout, processed
 * in its thread's preallocated {@link Network.Workspace}, and writes its summed loss, error count and
 * gradient into its own slot; the slots are reduced in chunk order after the pool returns. So every
 * result is bitwise identical for any thread count, and a mini-batch listing all examples in order
 * gives exactly the full-batch result. The data are copied at construction into the block layout.
 *
 * <p>No method modifies its inputs ({@code theta}, {@code indices}); outputs ({@code grad},
 * {@code out}) are overwritten. Steady-state calls allocate nothing. Not thread-safe (one call at a
 * time: it owns scratch memory and uses its pool).
 */
public final class NetworkObjective implements MiniBatchObjective {
    /** Examples per chunk, fixed so that results do not depend on the thread count. */
    public static final int CHUNK = Layer.LANES;

    private static final int MODE_GRADIENT = 0;
    private static final int MODE_VALUE = 1;
    private static final int MODE_OUTPUTS = 2;

    private final Network net;
    private final int n;
    private final int d;
    private final int params;
    private final double lambda;
    private final ComputePool pool;
    /** Inputs in the row layout of {@link Layer}: x_i[k] = rows[(i/B)·d + k][i%B], B = CHUNK. */
    private final double[][] rows;
    private final double[] labels;
    private final Network.Workspace[] workspaces;
    private final double[][][] gatherX;
    private final double[][] gatherY;
    private final double[][][] coef;
    /** The pool task, created once (a method reference per call would allocate). */
    private final ComputePool.WorkerChunkTask task = this::runChunk;

    // state of the current call (fields, so that the pool task allocates nothing)
    private int mode;
    private double[] theta;
    private int[] batchIndices;
    private int batchFrom;
    private int batchSize;
    private double[] outputs;
    private double[] slotLoss;
    private int[] slotErrors;
    private double[] slotGrad;
    private int lastErrors = -1;

    /**
     * @param net    the network
     * @param inputs N examples in R^d, row-major ({@code inputs[i·d + k]}); copied
     * @param labels N labels, each −1 or +1; copied
     * @param lambda λ ≥ 0, finite
     * @param pool   threads for the passes (not closed by this objective)
     */
    public NetworkObjective(Network net, double[] inputs, byte[] labels, double lambda, ComputePool pool) {
        if (net == null || inputs == null || labels == null || pool == null) {
            throw new NullPointerException("net, inputs, labels and pool must be given");
        }
        Check.nonNegative("model.lambda", lambda);
        this.net = net;
        this.d = net.inputDim();
        this.n = labels.length;
        Check.atLeast("examples", n, 1);
        if (inputs.length != (long) n * d) {
            throw new IllegalArgumentException("inputs has length " + inputs.length + ", expected N·d = " + n + "·" + d + " = " + (long) n * d);
        }
        this.params = net.parameterCount();
        this.lambda = lambda;
        this.pool = pool;
        int chunks = (n + CHUNK - 1) / CHUNK;
        this.rows = new double[Math.multiplyExact(chunks, d)][CHUNK];
        this.labels = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] != 1 && labels[i] != -1) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is out of range: must be -1 or +1");
            }
            this.labels[i] = labels[i];
            for (int k = 0; k < d; k++) {
                rows[(i / CHUNK) * d + k][i % CHUNK] = inputs[i * d + k];
            }
        }
        int threads = pool.threads();
        this.workspaces = new Network.Workspace[threads];
        this.gatherX = new double[threads][d][CHUNK];
        this.gatherY = new double[threads][CHUNK];
        this.coef = new double[threads][1][CHUNK];
        for (int w = 0; w < threads; w++) {
            workspaces[w] = net.newWorkspace();
        }
        this.slotLoss = new double[chunks];
        this.slotErrors = new int[chunks];
        this.slotGrad = new double[Math.multiplyExact(chunks, params)];
    }

    /** The parameter count of the network. */
    @Override
    public int dimension() {
        return params;
    }

    @Override
    public int exampleCount() {
        return n;
    }

    public Network network() {
        return net;
    }

    public double lambda() {
        return lambda;
    }

    public ComputePool pool() {
        return pool;
    }

    /** Label y_i ∈ {−1, +1}. */
    public int label(int i) {
        return (int) labels[i];
    }

    /** Full-batch L(θ); writes ∇L(θ) into {@code grad}. */
    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        checkLength("grad", grad);
        return evaluate(MODE_GRADIENT, theta, grad, null, null, 0, n);
    }

    /** Mini-batch L_B(θ) over {@code indices[from..to)} (repeats allowed, each counts); writes ∇L_B(θ) into {@code grad}. */
    @Override
    public double valueAndGradient(double[] theta, double[] grad, int[] indices, int from, int to) {
        checkLength("grad", grad);
        checkBatch(indices, from, to);
        return evaluate(MODE_GRADIENT, theta, grad, null, indices, from, to);
    }

    /** Full-batch L(θ) by the forward pass only. */
    @Override
    public double value(double[] theta) {
        return evaluate(MODE_VALUE, theta, null, null, null, 0, n);
    }

    /** Writes f_θ(x_i) into {@code out[i]} for every example i (out has length ≥ N). */
    public void outputs(double[] theta, double[] out) {
        if (out.length < n) {
            throw new IllegalArgumentException("out has length " + out.length + ", expected at least N = " + n);
        }
        evaluate(MODE_OUTPUTS, theta, null, out, null, 0, n);
    }

    /** Number of examples with y_i·f_θ(x_i) ≤ 0 (so f = 0 counts as an error); forward pass only. */
    public int misclassified(double[] theta) {
        evaluate(MODE_VALUE, theta, null, null, null, 0, n);
        return lastErrors;
    }

    /** Fraction of examples with y_i·f_θ(x_i) &gt; 0. */
    public double accuracy(double[] theta) {
        return 1.0 - (double) misclassified(theta) / n;
    }

    /**
     * Errors (y·f ≤ 0) among the examples of the last loss evaluation (full batch or mini-batch,
     * counted with multiplicity), at the θ it was given; −1 before the first. Lets a training loop
     * stop at zero training error without another forward pass.
     */
    public int lastMisclassified() {
        return lastErrors;
    }

    private double evaluate(int mode, double[] theta, double[] grad, double[] out, int[] indices, int from, int to) {
        net.checkTheta(theta);
        this.mode = mode;
        this.theta = theta;
        this.batchIndices = indices;
        this.batchFrom = from;
        this.batchSize = to - from;
        this.outputs = out;
        int chunks = (batchSize + CHUNK - 1) / CHUNK;
        if (slotLoss.length < chunks) { // only a mini-batch larger than N (repeated indices) grows the slots
            slotLoss = new double[chunks];
            slotErrors = new int[chunks];
            slotGrad = new double[Math.multiplyExact(chunks, params)];
        }
        try {
            pool.run(chunks, task);
        } finally {
            this.theta = null;
            this.batchIndices = null;
            this.outputs = null;
        }
        double loss = 0;
        int errors = 0;
        for (int c = 0; c < chunks; c++) {
            loss += slotLoss[c];
            errors += slotErrors[c];
        }
        lastErrors = errors;
        if (mode == MODE_OUTPUTS) {
            return Double.NaN;
        }
        if (mode == MODE_GRADIENT) {
            System.arraycopy(slotGrad, 0, grad, 0, params);
            for (int c = 1; c < chunks; c++) {
                int o = c * params;
                for (int q = 0; q < params; q++) {
                    grad[q] += slotGrad[o + q];
                }
            }
            double inv = batchSize;
            for (int q = 0; q < params; q++) {
                grad[q] = grad[q] / inv + lambda * theta[q];
            }
        }
        return loss / batchSize + penalty(theta);
    }

    /** (λ/2)‖θ‖². */
    private double penalty(double[] theta) {
        if (lambda == 0) {
            return 0;
        }
        double sq = 0;
        for (double v : theta) {
            sq += v * v;
        }
        return 0.5 * lambda * sq;
    }

    /** One chunk: examples [c·B, min((c+1)·B, |batch|)) of the current batch, on thread {@code worker}. */
    private void runChunk(int chunk, int worker) {
        Network.Workspace ws = workspaces[worker];
        int first = chunk * CHUNK;
        int bn = Math.min(CHUNK, batchSize - first);
        double[][] x;
        int x0;
        double[] y;
        int yOff;
        if (batchIndices != null) {
            x = gatherX[worker];
            y = gatherY[worker];
            gather(first, bn, x, y);
            x0 = 0;
            yOff = 0;
        } else {
            x = rows;
            x0 = chunk * d;
            y = labels;
            yOff = first;
        }
        double[] th = theta;
        net.forward(th, x, x0, ws, bn);
        double[] f = ws.output();
        if (mode == MODE_OUTPUTS) {
            System.arraycopy(f, 0, outputs, first, bn);
            slotLoss[chunk] = 0;
            slotErrors[chunk] = errors(f, y, yOff, bn);
            return;
        }
        double[][] cf = coef[worker];
        double[] c = cf[0];
        double loss = 0;
        int errors = 0;
        for (int b = 0; b < bn; b++) {
            double yb = y[yOff + b];
            double z = yb * f[b];
            if (!(z > 0)) {
                errors++;
            }
            double e = Math.exp(-Math.abs(z));
            double onePlus = 1 + e;
            c[b] = -yb * (z >= 0 ? e / onePlus : 1 / onePlus);
            loss += Math.max(-z, 0) + Math.log1p(e);
        }
        slotLoss[chunk] = loss;
        slotErrors[chunk] = errors;
        if (mode == MODE_GRADIENT) {
            net.backward(th, x, x0, ws, cf, slotGrad, chunk * params, bn);
        }
    }

    private static int errors(double[] f, double[] y, int yOff, int bn) {
        int errors = 0;
        for (int b = 0; b < bn; b++) {
            if (!(y[yOff + b] * f[b] > 0)) {
                errors++;
            }
        }
        return errors;
    }

    /** Copies the batch examples at positions [first, first + bn) into a block and their labels. */
    private void gather(int first, int bn, double[][] x, double[] y) {
        for (int b = 0; b < bn; b++) {
            int i = batchIndices[batchFrom + first + b];
            int r = (i / CHUNK) * d;
            int l = i % CHUNK;
            for (int k = 0; k < d; k++) {
                x[k][b] = rows[r + k][l];
            }
            y[b] = labels[i];
        }
    }

    private void checkLength(String name, double[] a) {
        if (a.length != params) {
            throw new IllegalArgumentException(name + " has length " + a.length + ", expected the parameter count " + params);
        }
    }

    private void checkBatch(int[] indices, int from, int to) {
        if (from < 0 || to > indices.length || from >= to) {
            throw new IllegalArgumentException("mini-batch range [" + from + ", " + to + ") is empty or outside indices of length "
                    + indices.length);
        }
        for (int q = from; q < to; q++) {
            if (indices[q] < 0 || indices[q] >= n) {
                throw new IllegalArgumentException("indices[" + q + "] = " + indices[q] + " is out of range: must be in [0, " + n + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "NetworkObjective[" + net + ", N=" + n + ", lambda=" + lambda + ", threads=" + pool.threads() + "]";
    }
}
