package org.momentumlab.deep.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.momentumlab.deep.engine.DeepEngine;
import org.momentumlab.model.MiniBatchObjective;

/**
 * The training loss of a {@link DeepNetwork} on the engine as a core {@link MiniBatchObjective} over
 * flat θ, so the core's trainer, optimizers and probes drive it unchanged. Binary logistic loss,
 * L(θ) = (1/N) Σ log(1 + exp(−y_i f_θ(x_i))) with y ∈ {−1, +1}, evaluated as
 * max(−z, 0) + log(1 + exp(−|z|)), z = y·f (the core's form). The full-batch gradient is accumulated
 * over micro-batches of at most {@code microBatch} examples, each backward scaled by its share of N,
 * so memory does not grow with N. Every call attaches the parameters and the data to a sub-manager
 * for its duration ({@code tempAttach}), so every temporary it creates is freed when the call ends.
 */
public final class DeepObjective implements MiniBatchObjective, AutoCloseable {
    private final DeepNetwork net;
    private final NDManager manager;
    private final FlatParameters params;
    private final NDArray x;
    private final NDArray y;
    private final int n;
    private final int microBatch;
    private final Engine engine = DeepEngine.get();

    /**
     * @param inputs     N×d examples, row-major; copied to the engine
     * @param labels     N labels −1 or +1
     * @param type       FLOAT64 or FLOAT32
     * @param microBatch examples per backward pass of a full-batch gradient
     */
    public DeepObjective(DeepNetwork net, double[] inputs, byte[] labels, int d, DataType type, int microBatch) {
        this.net = net;
        this.n = labels.length;
        if (inputs.length != (long) n * d) {
            throw new IllegalArgumentException(inputs.length + " input values for " + n + " examples of dimension " + d);
        }
        this.microBatch = microBatch;
        this.manager = NDManager.newBaseManager(ai.djl.Device.cpu(), engine.getEngineName());
        this.params = new FlatParameters(manager, net.parameterShapes(), type);
        double[] yd = new double[n];
        for (int i = 0; i < n; i++) {
            yd[i] = labels[i];
        }
        this.x = manager.create(inputs, new Shape(n, d)).toType(type, false);
        this.y = manager.create(yd, new Shape(n, 1)).toType(type, false);
    }

    @Override
    public int dimension() {
        return params.size();
    }

    @Override
    public int exampleCount() {
        return n;
    }

    /** A sub-manager holding the parameters and the data for one call: what the call creates from them is freed with it. */
    private NDManager scope() {
        NDManager sub = manager.newSubManager();
        for (NDArray p : params.arrays()) {
            p.tempAttach(sub);
        }
        x.tempAttach(sub);
        y.tempAttach(sub);
        return sub;
    }

    /** The loss summed over rows [from, to) of the batch arrays, times {@code scale}. */
    private NDArray loss(NDArray xb, NDArray yb, double scale) {
        NDArray z = net.forward(params.arrays(), xb).mul(yb);
        NDArray l = z.neg().maximum(0).add(z.abs().neg().exp().add(1).log());
        return l.sum().mul(scale);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        params.write(theta); // fresh arrays: no gradient yet
        double total = 0;
        for (int from = 0; from < n; from += microBatch) {
            int to = Math.min(n, from + microBatch);
            try (NDManager sub = scope(); GradientCollector gc = engine.newGradientCollector()) {
                NDArray l = loss(x.get(from + ":" + to), y.get(from + ":" + to), 1.0 / n);
                gc.backward(l);
                total += l.getDouble();
            }
        }
        params.readGradients(grad);
        return total;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad, int[] indices, int from, int to) {
        params.write(theta); // fresh arrays: no gradient yet
        int b = to - from;
        long[] idx = new long[b];
        for (int k = 0; k < b; k++) {
            idx[k] = indices[from + k];
        }
        double total;
        try (NDManager sub = scope(); GradientCollector gc = engine.newGradientCollector()) {
            NDArray ix = sub.create(idx);
            NDArray l = loss(x.get(ix), y.get(ix), 1.0 / b);
            gc.backward(l);
            total = l.getDouble();
        }
        params.readGradients(grad);
        return total;
    }

    @Override
    public double value(double[] theta) {
        params.write(theta);
        double total = 0;
        for (int from = 0; from < n; from += microBatch) {
            int to = Math.min(n, from + microBatch);
            try (NDManager sub = scope()) {
                total += loss(x.get(from + ":" + to), y.get(from + ":" + to), 1.0 / n).getDouble();
            }
        }
        return total;
    }

    /** The parameters on the engine (written from θ by every call). */
    public FlatParameters parameters() {
        return params;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Parameter shapes, for messages. */
    public List<Shape> shapes() {
        return net.parameterShapes();
    }
}
