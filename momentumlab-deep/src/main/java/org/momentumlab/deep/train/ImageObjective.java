package org.momentumlab.deep.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.momentumlab.deep.data.ImageSet;
import org.momentumlab.deep.engine.DeepEngine;

/**
 * Softmax cross-entropy of a {@link DeepNetwork} on images, over a flat θ. The images are scaled to
 * [0, 1] and normalised per channel with given means and standard deviations, and kept on the engine
 * in the network's precision (float32 or float64), in memory the engine owns. A step computes the mean loss and its gradient on a mini-batch (and how many of its
 * examples the network got right); {@link #evaluate} computes loss and accuracy without gradients,
 * in micro-batches. Every call attaches the parameters and the data to a sub-manager for its duration,
 * so its temporaries are freed when it ends.
 */
public final class ImageObjective implements AutoCloseable {
    private final DeepNetwork net;
    private final NDManager manager;
    private final FlatParameters params;
    private final Engine engine = DeepEngine.get();
    private final int microBatch;

    /** Images on the engine, normalised (the host's bytes are kept for augmented batches). */
    public final class Images {
        final NDArray x;
        final NDArray y;
        final int n;
        final ImageSet set;
        final double[] mean;
        final double[] std;
        /** Per image: degraded (Jelassi & Li's small-margin subset); null when none is. */
        final boolean[] marked;

        Images(ImageSet set, boolean[] marked, double[] mean, double[] std) {
            this.set = set;
            this.marked = marked;
            this.mean = mean.clone();
            this.std = std.clone();
            int per = set.imageSize();
            int hw = set.height() * set.width();
            float[] v = new float[set.size() * per];
            for (int i = 0; i < set.size(); i++) {
                for (int k = 0; k < per; k++) {
                    int ch = k / hw;
                    v[i * per + k] = (float) (((set.pixels()[i * per + k] & 0xff) / 255.0 - mean[ch]) / std[ch]);
                }
            }
            long[] labels = new long[set.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = set.labels()[i];
            }
            try (NDArray xs = manager.create(v, new Shape(set.size(), set.channels(), set.height(), set.width()))) {
                // an engine-owned copy in the network's precision (DJL's create points the tensor at a Java
                // direct buffer, freed once xs is closed and collected: float32 data read from it went wrong)
                this.x = params.type() == DataType.FLOAT32 ? xs.duplicate() : xs.toType(params.type(), true);
            }
            this.y = manager.create(labels);
            this.n = set.size();
        }

        public int size() {
            return n;
        }
    }

    /** On the CPU in float64. */
    public ImageObjective(DeepNetwork net, int microBatch) {
        this(net, microBatch, ai.djl.Device.cpu(), DataType.FLOAT64);
    }

    /**
     * On {@code device} in {@code type} (FLOAT64 or FLOAT32): the data and parameters live there; θ
     * and the gradients cross to the host each step.
     */
    public ImageObjective(DeepNetwork net, int microBatch, ai.djl.Device device, DataType type) {
        this.net = net;
        this.microBatch = microBatch;
        this.manager = NDManager.newBaseManager(device, engine.getEngineName());
        this.params = new FlatParameters(manager, net.parameterShapes(), type);
        net.createBuffers(manager, type);
    }

    /**
     * The network's state outside θ (batch normalisation's running averages) back to its initial
     * values: each run from θ⁰ starts from it.
     */
    public void resetBuffers() {
        net.createBuffers(manager, params.type());
    }

    /** The network's state outside θ, flattened in its fixed order (empty if none), for checkpoints. */
    public double[] buffers() {
        List<NDArray> b = net.buffers();
        double[][] parts = new double[b.size()][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = b.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
            n += parts[i].length;
        }
        double[] out = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Sets the state outside θ from {@link #buffers()}'s layout (exact: float32 values pass through float64 unchanged). */
    public void buffers(double[] v) {
        List<NDArray> b = net.buffers();
        int o = 0;
        for (NDArray a : b) {
            int len = Math.toIntExact(a.size());
            try (NDManager sub = manager.newSubManager()) {
                sub.create(java.util.Arrays.copyOfRange(v, o, o + len), a.getShape()).toType(a.getDataType(), false).copyTo(a);
            }
            o += len;
        }
        if (o != v.length) {
            throw new IllegalArgumentException(v.length + " buffer values for a network with " + o);
        }
    }

    /** Training mode (batch statistics, running averages updated) or evaluation mode, for the network's normalisations. */
    public void training(boolean on) {
        net.training(on);
    }

    /** Copies {@code set} to the engine, normalised with per-channel {@code mean} and {@code std} of the [0, 1] pixels. */
    public Images load(ImageSet set, double[] mean, double[] std) {
        return new Images(set, null, mean, std);
    }

    /** As {@link #load(ImageSet, double[], double[])}, keeping the marks of the degraded images for {@link #evaluate}. */
    public Images load(org.momentumlab.deep.data.Degradation.Marked set, double[] mean, double[] std) {
        return new Images(set.images(), set.count() == 0 ? null : set.marked(), mean, std);
    }

    /** Length of θ. */
    public int dimension() {
        return params.size();
    }

    private NDManager scope(Images data) {
        NDManager sub = manager.newSubManager();
        for (NDArray p : params.arrays()) {
            p.tempAttach(sub);
        }
        data.x.tempAttach(sub);
        data.y.tempAttach(sub);
        return sub;
    }

    /**
     * As {@link #step}, on the examples {@code indices[from..to)} augmented as the usual CIFAR
     * recipe does: each image padded by {@code pad} pixels of value 0 (before normalisation, as
     * torchvision pads), cropped back to its size at a random offset, and flipped left-right with
     * probability 1/2, all drawn from {@code rng} example by example in order.
     */
    public double[] augmentedStep(double[] theta, double[] grad, Images data, int[] indices, int from, int to, int pad,
                                  java.util.random.RandomGenerator rng) {
        ImageSet s = data.set;
        int c = s.channels();
        int h = s.height();
        int w = s.width();
        int b = to - from;
        float[] v = new float[b * c * h * w];
        long[] labels = new long[b];
        for (int e = 0; e < b; e++) {
            int i = indices[from + e];
            labels[e] = s.labels()[i];
            int dy = rng.nextInt(2 * pad + 1) - pad;
            int dx = rng.nextInt(2 * pad + 1) - pad;
            boolean flip = rng.nextBoolean();
            for (int ch = 0; ch < c; ch++) {
                float zero = (float) ((0 - data.mean[ch]) / data.std[ch]);
                for (int yy = 0; yy < h; yy++) {
                    int sy = yy + dy;
                    for (int xx = 0; xx < w; xx++) {
                        int sx = (flip ? w - 1 - xx : xx) + dx;
                        int o = ((e * c + ch) * h + yy) * w + xx;
                        v[o] = sy < 0 || sy >= h || sx < 0 || sx >= w ? zero
                                : (float) (((s.pixels()[(i * c + ch) * h * w + sy * w + sx] & 0xff) / 255.0 - data.mean[ch]) / data.std[ch]);
                    }
                }
            }
        }
        params.write(theta); // fresh arrays: no gradient yet
        double[] r;
        try (NDManager sub = scope(data); GradientCollector gc = engine.newGradientCollector()) {
            r = backward(sub.create(v, new Shape(b, c, h, w)).toType(params.type(), false), sub.create(labels), NDArray::mean, gc);
        }
        params.readGradients(grad);
        return r;
    }

    /**
     * Mean cross-entropy and its gradient (into {@code grad}) on the examples {@code indices[from..to)}
     * of {@code data}; returns {loss, number correct}.
     */
    public double[] step(double[] theta, double[] grad, Images data, int[] indices, int from, int to) {
        params.write(theta); // fresh arrays: no gradient yet
        double[] r;
        try (NDManager sub = scope(data); GradientCollector gc = engine.newGradientCollector()) {
            NDArray ix = sub.create(range(indices, from, to));
            r = backward(data.x.get(ix), data.y.get(ix), NDArray::mean, gc);
        }
        params.readGradients(grad);
        return r;
    }

    /**
     * Cross-entropy of the network on images {@code x} with labels {@code y}, reduced over the batch by
     * {@code reduce}, and its backward into the parameters' gradients: {loss, number correct}.
     */
    private double[] backward(NDArray x, NDArray y, java.util.function.UnaryOperator<NDArray> reduce, GradientCollector gc) {
        NDArray logits = net.forward(params.arrays(), x);
        NDArray l = reduce.apply(logits.logSoftmax(1).gather(y.reshape(-1, 1), 1).neg());
        gc.backward(l);
        return new double[] {l.toType(DataType.FLOAT64, false).getDouble(), logits.argMax(1).eq(y).sum().getLong()};
    }

    /**
     * The full-data gradient: mean cross-entropy over the examples {@code indices} of {@code data}
     * (all of them if null) and its gradient into {@code grad}, accumulated over micro-batches (each
     * backward scaled by its share), so memory does not grow with the number of examples; returns
     * {loss, number correct}. Equal to one {@link #step} over all the examples up to rounding (tested).
     */
    public double[] fullGradient(double[] theta, double[] grad, Images data, int[] indices) {
        int n = indices == null ? data.n : indices.length;
        params.write(theta); // fresh arrays: no gradient yet
        double loss = 0;
        long correct = 0;
        for (int from = 0; from < n; from += microBatch) {
            int to = Math.min(n, from + microBatch);
            try (NDManager sub = scope(data); GradientCollector gc = engine.newGradientCollector()) {
                NDArray ix = sub.create(range(indices, from, to));
                double[] r = backward(data.x.get(ix), data.y.get(ix), l -> l.sum().div(n), gc);
                loss += r[0];
                correct += (long) r[1];
            }
        }
        params.readGradients(grad);
        return new double[] {loss, correct};
    }

    /**
     * The training objective on the examples {@code indices} of {@code data} (all if null) as a core
     * {@link org.momentumlab.model.Objective}: value and gradient by {@link #fullGradient};
     * Hessian-vector products by the core's central difference of these exact gradients (error
     * O(ε²)). Not by a second backward pass: with the engine's API (DJL 0.36: a backward with
     * create_graph, and no way to reset a gradient to none) that leaves a reference cycle between
     * each parameter and its gradient which PyTorch never frees, about 40 MiB per product on the
     * small CNN (measured).
     */
    public org.momentumlab.model.Objective on(Images data, int[] indices) {
        return new org.momentumlab.model.Objective() {
            @Override
            public int dimension() {
                return params.size();
            }

            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                return fullGradient(x, grad, data, indices)[0];
            }
        };
    }

    private static long[] range(int[] indices, int from, int to) {
        long[] idx = new long[to - from];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = indices == null ? from + k : indices[from + k];
        }
        return idx;
    }

    /**
     * Mean cross-entropy and accuracy of θ on all of {@code data}, without gradients (no graph is
     * built): {loss, accuracy, loss on the marked images, accuracy on the marked images, accuracy on
     * the others}; the last three are NaN when no image is marked.
     */
    public double[] evaluate(double[] theta, Images data) {
        params.write(theta);
        double loss = 0;
        long correct = 0;
        double markedLoss = 0;
        long markedCorrect = 0;
        long markedCount = 0;
        long otherCorrect = 0;
        boolean gradMode = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        net.training(false);
        try {
            for (int from = 0; from < data.n; from += microBatch) {
                int to = Math.min(data.n, from + microBatch);
                try (NDManager sub = scope(data)) {
                    NDArray yb = data.y.get(from + ":" + to);
                    NDArray logits = net.forward(params.arrays(), data.x.get(from + ":" + to));
                    NDArray losses = logits.logSoftmax(1).gather(yb.reshape(-1, 1), 1).neg();
                    NDArray right = logits.argMax(1).eq(yb);
                    loss += losses.sum().toType(DataType.FLOAT64, false).getDouble();
                    correct += right.sum().getLong();
                    if (data.marked != null) {
                        double[] l = losses.toType(DataType.FLOAT64, false).toDoubleArray();
                        boolean[] r = right.toBooleanArray();
                        for (int e = 0; e < r.length; e++) {
                            if (data.marked[from + e]) {
                                markedCount++;
                                markedLoss += l[e];
                                markedCorrect += r[e] ? 1 : 0;
                            } else {
                                otherCorrect += r[e] ? 1 : 0;
                            }
                        }
                    }
                }
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(gradMode);
            net.training(true);
        }
        double nan = Double.NaN;
        return data.marked == null ? new double[] {loss / data.n, (double) correct / data.n, nan, nan, nan}
                : new double[] {loss / data.n, (double) correct / data.n, markedLoss / markedCount, (double) markedCorrect / markedCount,
                        (double) otherCorrect / (data.n - markedCount)};
    }

    @Override
    public void close() {
        manager.close();
    }
}
