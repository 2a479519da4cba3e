package org.momentumlab.model.nets;

/**
 * One affine layer of a {@link Network}: a valid 1-D convolution with bias, optionally followed by
 * ReLU. A fully connected layer is the special case of input length 1 and kernel 1 (its "channels"
 * are the features), so one kernel serves all five architectures.
 *
 * <p>Math: the input has C_in channels of length L_in, feature (c′, q) at index c′·L_in + q; the
 * output has C_out channels of length L_out = (L_in − k)/s + 1,
 * z[c][p] = b_c + Σ_{c′} Σ_{t&lt;k} K[c][c′][t] · in[c′][p·s + t], a = relu(z) if {@code relu}.
 * Parameters: K at {@code theta[offset + (c·C_in + c′)·k + t]} (torch's Conv1d/Linear weight
 * order), then b at {@code theta[offset + C_out·C_in·k + c]}.
 *
 * <p>Block layout of the batched methods: a block holds up to B = {@link #LANES} examples as one
 * row array per feature, {@code rows[f][l]} = feature f of example (lane) l; only lanes [0, bn) are
 * read or written. Every hot loop is an element-wise loop over lanes or over a row, with all its
 * arrays indexed from 0, which the JIT vectorizes (separate row arrays cannot overlap at a shift,
 * unlike offsets into one flat array); sums over lanes use a fixed order. So results are a
 * deterministic function of the block and bn, and a lane's forward pass is the same sequence of
 * operations as {@link #forwardOne}.
 */
final class Layer {
    /** B, the examples per block (and per chunk of {@link NetworkObjective}). */
    static final int LANES = 64;

    final int inChannels;
    final int inLength;
    final int outChannels;
    final int kernel;
    final int stride;
    final int outLength;
    final boolean relu;
    /** Offset of K in θ; the biases follow K. */
    final int offset;
    final int biasOffset;
    final int parameterCount;

    Layer(int inChannels, int inLength, int outChannels, int kernel, int stride, boolean relu, int offset) {
        this.inChannels = inChannels;
        this.inLength = inLength;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.outLength = ArchSpec.convLength(inLength, kernel, stride);
        this.relu = relu;
        this.offset = offset;
        int weights = Math.multiplyExact(Math.multiplyExact(outChannels, inChannels), kernel);
        this.biasOffset = Math.addExact(offset, weights);
        this.parameterCount = Math.addExact(weights, outChannels);
        Math.multiplyExact(Math.multiplyExact(outChannels, outLength), LANES); // block sizes fit an int
    }

    int inFeatures() {
        return inChannels * inLength;
    }

    int outFeatures() {
        return outChannels * outLength;
    }

    /** Fan-in C_in·k of a unit, for the initialization. */
    int fanIn() {
        return inChannels * kernel;
    }

    /** Single example: out[c·L_out + p] = (relu of) z[c][p] for in[inOff + ...] (no blocking). */
    void forwardOne(double[] th, double[] in, int inOff, double[] out) {
        for (int c = 0; c < outChannels; c++) {
            for (int p = 0; p < outLength; p++) {
                double z = th[biasOffset + c];
                for (int ci = 0; ci < inChannels; ci++) {
                    int wo = offset + (c * inChannels + ci) * kernel;
                    int io = inOff + ci * inLength + p * stride;
                    for (int t = 0; t < kernel; t++) {
                        z += th[wo + t] * in[io + t];
                    }
                }
                out[c * outLength + p] = relu && !(z > 0) ? 0.0 : z;
            }
        }
    }

    /**
     * Block forward: writes the layer's output rows {@code out[0 .. C_out·L_out)} for lanes
     * [0, bn) from the input rows {@code in[in0 ...]}.
     */
    void forward(double[] th, double[][] in, int in0, double[][] out, int bn) {
        final int taps = inChannels * kernel;
        for (int c = 0; c < outChannels; c++) {
            double bias = th[biasOffset + c];
            int wo = offset + c * taps;
            for (int p = 0; p < outLength; p++) {
                double[] o = out[c * outLength + p];
                int base = in0 + p * stride;
                for (int b = 0; b < bn; b++) {
                    o[b] = bias;
                }
                // taps j = ci·k + t in order, four per pass over the lanes: each lane still adds
                // w_j·x_j one at a time in increasing j, exactly as forwardOne does
                int j = 0;
                for (; j + 3 < taps; j += 4) {
                    double[] x0 = in[base + row(j)];
                    double[] x1 = in[base + row(j + 1)];
                    double[] x2 = in[base + row(j + 2)];
                    double[] x3 = in[base + row(j + 3)];
                    double w0 = th[wo + j];
                    double w1 = th[wo + j + 1];
                    double w2 = th[wo + j + 2];
                    double w3 = th[wo + j + 3];
                    for (int b = 0; b < bn; b++) {
                        o[b] = o[b] + w0 * x0[b] + w1 * x1[b] + w2 * x2[b] + w3 * x3[b];
                    }
                }
                for (; j < taps; j++) {
                    axpy(th[wo + j], in[base + row(j)], o, bn);
                }
                if (relu) {
                    for (int b = 0; b < bn; b++) {
                        o[b] = o[b] > 0 ? o[b] : 0.0;
                    }
                }
            }
        }
    }

    /** Input row (feature index at position 0) of tap j = ci·k + t: ci·L_in + t. */
    private int row(int j) {
        return (j / kernel) * inLength + j % kernel;
    }

    /**
     * Block backward. Given δ = ∂ℓ/∂z per lane in the rows {@code delta[0 .. C_out·L_out)} and the
     * layer's input rows, writes ∂/∂K and ∂/∂b summed over lanes [0, bn) into
     * {@code g[gOff + offset ...]} (overwriting), and, when {@code dIn} is not null, ∂ℓ/∂in (before
     * the previous layer's ReLU mask) into the rows {@code dIn[0 .. C_in·L_in)}.
     *
     * <p>Weight gradients: a convolution accumulates Σ_p δ[c][p]·in[c′][p·s + t] lane-wise into
     * {@code scratch.acc}, then sums the lanes; a fully connected layer transposes its input block
     * into {@code scratch.inT} ([lane][feature]) and adds δ[c][b]·in[b] row-wise for each lane b in
     * order (lanes with δ = 0, the ReLU-inactive ones, are skipped).
     */
    void backward(double[] th, double[][] in, int in0, double[][] delta, double[] g, int gOff, double[][] dIn,
                  Network.Workspace scratch, int bn) {
        for (int c = 0; c < outChannels; c++) {
            double s = 0;
            for (int p = 0; p < outLength; p++) {
                s += sum(delta[c * outLength + p], bn);
            }
            g[gOff + biasOffset + c] = s;
        }
        if (inLength == 1 && kernel == 1) {
            denseWeightGradient(in, in0, delta, g, gOff, scratch, bn);
        } else {
            double[] acc = scratch.acc;
            for (int c = 0; c < outChannels; c++) {
                for (int ci = 0; ci < inChannels; ci++) {
                    int wo = offset + (c * inChannels + ci) * kernel;
                    for (int t = 0; t < kernel; t++) {
                        for (int b = 0; b < bn; b++) {
                            acc[b] = 0.0;
                        }
                        for (int p = 0; p < outLength; p++) {
                            double[] d = delta[c * outLength + p];
                            double[] x = in[in0 + ci * inLength + p * stride + t];
                            for (int b = 0; b < bn; b++) {
                                acc[b] += d[b] * x[b];
                            }
                        }
                        g[gOff + wo + t] = sum(acc, bn);
                    }
                }
            }
        }
        if (dIn == null) {
            return;
        }
        int features = inFeatures();
        for (int f = 0; f < features; f++) {
            double[] r = dIn[f];
            for (int b = 0; b < bn; b++) {
                r[b] = 0.0;
            }
        }
        for (int c = 0; c < outChannels; c++) {
            for (int p = 0; p < outLength; p++) {
                double[] d = delta[c * outLength + p];
                for (int ci = 0; ci < inChannels; ci++) {
                    int wo = offset + (c * inChannels + ci) * kernel;
                    int io = ci * inLength + p * stride;
                    for (int t = 0; t < kernel; t++) {
                        axpy(th[wo + t], d, dIn[io + t], bn);
                    }
                }
            }
        }
    }

    /** ∂/∂W[c][·] = Σ_b δ[c][b]·in[·][b] for a fully connected layer, via the transposed input block. */
    private void denseWeightGradient(double[][] in, int in0, double[][] delta, double[] g, int gOff,
                                     Network.Workspace scratch, int bn) {
        int cin = inChannels;
        double[][] inT = scratch.inT;
        double[][] gw = scratch.gw;
        for (int ci = 0; ci < cin; ci++) {
            double[] x = in[in0 + ci];
            for (int b = 0; b < bn; b++) {
                inT[b][ci] = x[b];
            }
        }
        for (int c = 0; c < outChannels; c++) {
            double[] gc = gw[c];
            for (int ci = 0; ci < cin; ci++) {
                gc[ci] = 0.0;
            }
            double[] d = delta[c];
            for (int b = 0; b < bn; b++) {
                double a = d[b];
                if (a != 0) {
                    axpy(a, inT[b], gc, cin);
                }
            }
            System.arraycopy(gc, 0, g, gOff + offset + c * cin, cin);
        }
    }

    /** Σ_{b&lt;n} x[b] with four accumulators in a fixed order. */
    private static double sum(double[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int b = 0;
        for (; b + 3 < n; b += 4) {
            s0 += x[b];
            s1 += x[b + 1];
            s2 += x[b + 2];
            s3 += x[b + 3];
        }
        for (; b < n; b++) {
            s0 += x[b];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y[b] += a·x[b] for b in [0, n). */
    private static void axpy(double a, double[] x, double[] y, int n) {
        for (int b = 0; b < n; b++) {
            y[b] += a * x[b];
        }
    }
}
