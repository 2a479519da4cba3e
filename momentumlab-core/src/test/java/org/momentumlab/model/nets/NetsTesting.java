package org.momentumlab.model.nets;

import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;

/** Helpers shared by the tests of this package. */
final class NetsTesting {
    private NetsTesting() {
    }

    /** n i.i.d. N(0, scale²) values. */
    static double[] gaussian(int n, double scale, long seed) {
        GaussianSource g = new GaussianSource(new SplittableRandom(seed));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * g.next();
        }
        return v;
    }

    /** n labels ±1 with equal probability. */
    static byte[] randomLabels(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
        }
        return y;
    }

    /** He-initialized parameters with small random biases (so that biases matter in the checks). */
    static double[] params(Network net, long seed) {
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, new SplittableRandom(seed));
        double[] noise = gaussian(theta.length, 0.1, seed + 1);
        for (int l = 0; l < net.layerCount(); l++) {
            Layer y = net.layer(l);
            for (int c = 0; c < y.outChannels; c++) {
                theta[y.biasOffset + c] = noise[y.biasOffset + c];
            }
        }
        return theta;
    }

    /** ‖a − b‖_∞ / max(‖b‖_∞, tiny). */
    static double relErr(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return num / Math.max(den, 1e-300);
    }

    /**
     * The pre-activations of every hidden unit of {@code net} on example x (hidden layers in order,
     * each [channel][position]), computed from the math of {@link Layer} independently of its code.
     */
    static double[] preActivations(Network net, double[] theta, double[] x, int xOff) {
        int total = 0;
        for (int l = 0; l + 1 < net.layerCount(); l++) {
            total += net.layer(l).outFeatures();
        }
        double[] z = new double[total];
        double[] in = java.util.Arrays.copyOfRange(x, xOff, xOff + net.inputDim());
        int at = 0;
        for (int l = 0; l + 1 < net.layerCount(); l++) {
            Layer y = net.layer(l);
            double[] a = new double[y.outFeatures()];
            for (int c = 0; c < y.outChannels; c++) {
                for (int p = 0; p < y.outLength; p++) {
                    double s = theta[y.biasOffset + c];
                    for (int ci = 0; ci < y.inChannels; ci++) {
                        for (int t = 0; t < y.kernel; t++) {
                            s += theta[y.offset + (c * y.inChannels + ci) * y.kernel + t] * in[ci * y.inLength + p * y.stride + t];
                        }
                    }
                    z[at++] = s;
                    a[c * y.outLength + p] = Math.max(s, 0);
                }
            }
            in = a;
        }
        return z;
    }
}
