package org.momentumlab.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's parameters as engine arrays (each with a gradient) and as one flat {@code double[]}
 * θ, blocks concatenated in order, each block in row-major (torch) order. The flat view is what the
 * project's optimizers, trainer and probes work on, so a network on the engine trains with exactly the
 * core's update rules: the optimizer state and θ stay float64 on the Java side and the engine arrays
 * are written from θ before each evaluation (rounded to float32 for a float32 network).
 */
public final class FlatParameters implements AutoCloseable {
    private final List<NDArray> arrays = new ArrayList<>();
    private final int[] offsets;
    private final int size;
    private final DataType type;

    /** Allocates zero parameters of the given shapes in {@code manager}, each requiring a gradient. */
    public FlatParameters(NDManager manager, List<Shape> shapes, DataType type) {
        this.type = type;
        this.offsets = new int[shapes.size() + 1];
        int o = 0;
        for (int i = 0; i < shapes.size(); i++) {
            offsets[i] = o;
            NDArray a = manager.zeros(shapes.get(i), type);
            a.setRequiresGradient(true);
            arrays.add(a);
            o = Math.addExact(o, Math.toIntExact(shapes.get(i).size()));
        }
        offsets[shapes.size()] = o;
        this.size = o;
    }

    /** The arrays, in order. */
    public List<NDArray> arrays() {
        return arrays;
    }

    /** Length of θ. */
    public int size() {
        return size;
    }

    public DataType type() {
        return type;
    }

    /**
     * Writes θ into the arrays (converted to their type): each parameter becomes a new engine-owned
     * array, requiring a gradient and without one yet (so no gradient needs zeroing); the previous
     * arrays are closed. The values are copied into memory the engine owns, never left in a Java
     * direct buffer that DJL's {@code create} and {@code set} point tensors at (see
     * {@link ImageObjective}'s images).
     */
    public void write(double[] theta) {
        check(theta);
        for (int i = 0; i < arrays.size(); i++) {
            NDArray a = arrays.get(i);
            int from = offsets[i];
            int n = offsets[i + 1] - from;
            NDManager m = a.getManager();
            NDArray fresh;
            if (type == DataType.FLOAT64) {
                try (NDArray view = m.create(java.nio.DoubleBuffer.wrap(theta, from, n), a.getShape(), DataType.FLOAT64)) {
                    fresh = view.duplicate(); // an engine-owned copy
                }
            } else {
                float[] f = new float[n];
                for (int k = 0; k < n; k++) {
                    f[k] = (float) theta[from + k];
                }
                try (NDArray view = m.create(f, a.getShape())) {
                    fresh = view.duplicate();
                }
            }
            fresh.setRequiresGradient(true);
            arrays.set(i, fresh);
            a.close();
        }
    }

    /** Reads the arrays into θ. */
    public void read(double[] theta) {
        check(theta);
        for (int i = 0; i < arrays.size(); i++) {
            copy(arrays.get(i), theta, offsets[i]);
        }
    }

    /** Reads the accumulated gradients into {@code grad} (zero for a parameter without one yet). */
    public void readGradients(double[] grad) {
        check(grad);
        for (int i = 0; i < arrays.size(); i++) {
            copyGradient(arrays.get(i), grad, offsets[i]);
        }
    }

    private static void copy(NDArray a, double[] out, int from) {
        double[] v = a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : toDouble(a.toFloatArray());
        System.arraycopy(v, 0, out, from, v.length);
    }

    private static void copyGradient(NDArray param, double[] out, int from) {
        try (NDArray g = param.getGradient()) { // a new handle on the gradient: closed here, the gradient stays
            copy(g, out, from);
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }

    private void check(double[] v) {
        if (v.length != size) {
            throw new IllegalArgumentException("a vector of length " + v.length + " for " + size + " parameters");
        }
    }

    @Override
    public void close() {
        arrays.forEach(NDArray::close);
    }
}
