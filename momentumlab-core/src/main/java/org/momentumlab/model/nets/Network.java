package org.momentumlab.model.nets;

import java.util.SplittableRandom;
import org.momentumlab.util.Check;
import org.momentumlab.util.GaussianSource;

/**
 * A ReLU network f_θ : R^d → R of the Gaussian teacher-student experiment (Jelassi &amp; Li, ICML
 * 2022, Table 1), built from an {@link ArchSpec}: a stack of {@link Layer}s (valid 1-D convolutions
 * with bias, a fully connected layer being the case of input length 1 and kernel 1), ReLU after
 * every hidden layer, a linear read-out to one output.
 *
 * <p>Parameters θ are flat, layer after layer, each layer its weights in torch's order
 * (out, in, tap) then its biases:
 * <ul>
 * <li>{@code linear}: [w (d) | b], f = wᵀx + b;</li>
 * <li>{@code 1-mlp}: [W (h×d, W[j][k] at j·d + k) | c (h) | a (h) | b], f = aᵀ relu(Wx + c) + b;</li>
 * <li>{@code 2-mlp}: [W1 (h1×d) | c1 (h1) | W2 (h2×h1) | c2 (h2) | a (h2) | b];</li>
 * <li>{@code 1-cnn}: [K (C×k, K[c][t] at c·k + t) | c (C) | a (C·P, a[c][p] at c·P + p) | b] with
 * P = (d − k)/s + 1, z[c][p] = c_c + Σ_t K[c][t]·x[p·s + t], f = Σ a[c][p]·relu(z[c][p]) + b;</li>
 * <li>{@code 2-cnn}: [K1 (C1×k1) | c1 (C1) | K2 (C2×C1×k2, K2[c][c′][t] at (c·C1 + c′)·k2 + t) |
 * c2 (C2) | a (C2·P2) | b], P1 = (d − k1)/s1 + 1, P2 = (P1 − k2)/s2 + 1.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the batched forward and backward passes used by
 * {@link NetworkObjective} work in caller-owned {@link Workspace}s.
 */
public final class Network {
    private final ArchSpec spec;
    private final int d;
    private final Layer[] layers;
    private final int parameterCount;
    private final int maxHiddenFeatures;

    /**
     * Builds the network for inputs in R^d; the spec is checked with {@link ArchSpec#validate}
     * under the prefix {@code arch}.
     */
    public Network(ArchSpec spec, int d) {
        this("arch", spec, d);
    }

    /** Builds the network; spec errors name fields under {@code prefix} (e.g. {@code student.kernel}). */
    public Network(String prefix, ArchSpec spec, int d) {
        if (spec == null) {
            throw new IllegalArgumentException(prefix + " is missing: must be an architecture spec");
        }
        spec.validate(prefix, d);
        this.spec = spec;
        this.d = d;
        try {
            this.layers = build(spec, d);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix + " = " + spec.describe() + " has too many parameters for one array");
        }
        Layer last = layers[layers.length - 1];
        this.parameterCount = Math.addExact(last.offset, last.parameterCount);
        int hidden = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            hidden = Math.max(hidden, layers[l].outFeatures());
        }
        this.maxHiddenFeatures = hidden;
    }

    private static Layer[] build(ArchSpec s, int d) {
        return switch (s.arch()) {
            case LINEAR -> new Layer[] {dense(d, 1, false, 0)};
            case MLP1 -> {
                Layer h = dense(d, s.width(), true, 0);
                yield new Layer[] {h, dense(s.width(), 1, false, end(h))};
            }
            case MLP2 -> {
                Layer h1 = dense(d, s.width(), true, 0);
                Layer h2 = dense(s.width(), s.width2(), true, end(h1));
                yield new Layer[] {h1, h2, dense(s.width2(), 1, false, end(h2))};
            }
            case CNN1 -> {
                Layer c = new Layer(1, d, s.channels(), s.kernel(), s.stride(), true, 0);
                yield new Layer[] {c, dense(c.outFeatures(), 1, false, end(c))};
            }
            case CNN2 -> {
                Layer c1 = new Layer(1, d, s.channels(), s.kernel(), s.stride(), true, 0);
                Layer c2 = new Layer(s.channels(), c1.outLength, s.channels2(), s.kernel2(), s.stride2(), true, end(c1));
                yield new Layer[] {c1, c2, dense(c2.outFeatures(), 1, false, end(c2))};
            }
        };
    }

    private static Layer dense(int in, int out, boolean relu, int offset) {
        return new Layer(in, 1, out, 1, 1, relu, offset);
    }

    private static int end(Layer l) {
        return Math.addExact(l.offset, l.parameterCount);
    }

    public ArchSpec spec() {
        return spec;
    }

    /** d, the input dimension. */
    public int inputDim() {
        return d;
    }

    /** Length of θ. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The parameter blocks in order with their shapes, e.g. {@code K1[8x1x5] c1[8] a[1x208] b[1]}. */
    public String parameterLayout() {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < layers.length; l++) {
            Layer y = layers[l];
            boolean readout = l == layers.length - 1;
            String w = readout ? (layers.length == 1 ? "w" : "a") : (spec.arch().convolutional() ? "K" : "W") + (l + 1);
            String b = readout ? "b" : "c" + (l + 1);
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w).append('[').append(y.outChannels).append('x').append(y.inChannels);
            if (y.kernel > 1 || y.inLength > 1) {
                sb.append('x').append(y.kernel);
            }
            sb.append("] ").append(b).append('[').append(y.outChannels).append(']');
        }
        return sb.toString();
    }

    /**
     * f_θ(x) for one example x = {@code x[xOffset .. xOffset + d)}, by a plain per-unit loop (the
     * reference the batched passes are tested against). Allocates two small buffers; inputs are not
     * modified.
     */
    public double output(double[] theta, double[] x, int xOffset) {
        checkTheta(theta);
        if (xOffset < 0 || xOffset > x.length - d) {
            throw new IllegalArgumentException("x[" + xOffset + " .. " + xOffset + " + d) is outside x of length " + x.length + " (d = " + d + ")");
        }
        double[] in = x;
        int inOff = xOffset;
        for (Layer layer : layers) {
            double[] out = new double[layer.outFeatures()];
            layer.forwardOne(theta, in, inOff, out);
            in = out;
            inOff = 0;
        }
        return in[0];
    }

    /**
     * He initialization (He et al. 2015): every weight of a layer with fan-in C_in·k (the read-out
     * included) ~ N(0, initScale²·2/(C_in·k)), drawn in parameter order from {@code rng} by a
     * {@link GaussianSource}; every bias = 0. Overwrites {@code theta}; consumes {@code rng}.
     */
    public void initialize(double[] theta, SplittableRandom rng) {
        checkTheta(theta);
        GaussianSource g = new GaussianSource(rng);
        for (Layer layer : layers) {
            double std = spec.initScale() * Math.sqrt(2.0 / layer.fanIn());
            for (int q = layer.offset; q < layer.biasOffset; q++) {
                theta[q] = std * g.next();
            }
            for (int c = 0; c < layer.outChannels; c++) {
                theta[layer.biasOffset + c] = 0.0;
            }
        }
    }

    /** Number of layers (hidden layers and the read-out). */
    int layerCount() {
        return layers.length;
    }

    /** Layer l, 0 = first hidden layer (or the read-out of {@code linear}). */
    Layer layer(int l) {
        return layers[l];
    }

    void checkTheta(double[] theta) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected the parameter count "
                    + parameterCount + " of " + spec.describe() + " on d = " + d);
        }
    }

    /** Scratch for the batched passes over blocks of up to {@link Layer#LANES} examples: one per thread. */
    Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Forward pass over lanes [0, bn) of the input block {@code x[x0 .. x0 + d)} (row layout of
     * {@link Layer}); f of lane b ends up in {@code ws.output()[b]}.
     */
    void forward(double[] theta, double[][] x, int x0, Workspace ws, int bn) {
        layers[0].forward(theta, x, x0, ws.act[0], bn);
        for (int l = 1; l < layers.length; l++) {
            layers[l].forward(theta, ws.act[l - 1], 0, ws.act[l], bn);
        }
    }

    /**
     * Backward pass after {@link #forward} on the same block: with {@code coef[0][b]} = ∂ℓ/∂f for
     * lane b, writes Σ_b ∂ℓ_b/∂θ into {@code g[gOff .. gOff + parameterCount)} (overwriting).
     */
    void backward(double[] theta, double[][] x, int x0, Workspace ws, double[][] coef, double[] g, int gOff, int bn) {
        double[][] delta = coef;
        for (int l = layers.length - 1; l > 0; l--) {
            Layer layer = layers[l];
            double[][] in = ws.act[l - 1];
            double[][] dIn = delta == ws.deltaA ? ws.deltaB : ws.deltaA;
            layer.backward(theta, in, 0, delta, g, gOff, dIn, ws, bn);
            int features = layer.inFeatures();
            for (int f = 0; f < features; f++) { // ReLU mask of the previous layer: relu'(z) = [a > 0]
                double[] r = dIn[f];
                double[] a = in[f];
                for (int b = 0; b < bn; b++) {
                    r[b] = a[b] > 0 ? r[b] : 0.0;
                }
            }
            delta = dIn;
        }
        layers[0].backward(theta, x, x0, delta, g, gOff, null, ws, bn);
    }

    @Override
    public String toString() {
        return "Network[" + spec.describe() + ", d=" + d + ", params=" + parameterCount + "]";
    }

    /**
     * Per-thread scratch: the activations (after ReLU) of every layer and two δ buffers, as rows
     * [feature][lane]; a lane accumulator; and for fully connected layers a transposed input block
     * [lane][feature] and weight-gradient rows [out][in].
     */
    static final class Workspace {
        final double[][][] act;
        final double[][] deltaA;
        final double[][] deltaB;
        final double[] acc;
        final double[][] inT;
        final double[][] gw;

        Workspace(Network net) {
            int lanes = Layer.LANES;
            act = new double[net.layers.length][][];
            int denseIn = 1;
            int denseOut = 1;
            for (int l = 0; l < act.length; l++) {
                Layer y = net.layers[l];
                act[l] = new double[y.outFeatures()][lanes];
                if (y.inLength == 1 && y.kernel == 1) {
                    denseIn = Math.max(denseIn, y.inChannels);
                    denseOut = Math.max(denseOut, y.outChannels);
                }
            }
            deltaA = new double[Math.max(1, net.maxHiddenFeatures)][lanes];
            deltaB = new double[Math.max(1, net.maxHiddenFeatures)][lanes];
            acc = new double[lanes];
            inT = new double[lanes][denseIn];
            gw = new double[denseOut][denseIn];
        }

        /** f per lane after {@link Network#forward}. */
        double[] output() {
            return act[act.length - 1][0];
        }
    }
}
