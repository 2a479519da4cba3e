package org.momentumlab.probe;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.momentumlab.data.MarginGroup;
import org.momentumlab.data.PatchDataset;

/**
 * Feature learning versus noise memorization (Jelassi &amp; Li, §3–§5), for W ∈ R^{m×d} stored
 * row-major.
 *
 * <p>Metrics: {@code signal_r<r>} = c_r = ⟨w_r, w*⟩ and {@code max_signal} = max_r c_r;
 * {@code noise_small_mean} and {@code noise_small_max}: mean and max over the small-margin training
 * examples of the label-aligned total noise y_i·Ξ_i, Ξ_i = Σ_r Σ_{j ≠ signal} ⟨w_r, X_i[j]⟩³ (the
 * part of y_i f_W(X_i) carried by noise: large means the example is memorized);
 * {@code noise_corr_max} = max over all training examples, neurons and noise patches of
 * |⟨w_r, X_i[j]⟩|.
 */
public final class FeatureNoiseProbe implements Probe {
    private final PatchDataset data;
    private final int neurons;
    private final int[] small;

    public FeatureNoiseProbe(PatchDataset train, int neurons) {
        this(train, neurons, null);
    }

    /** With {@code pool} (may be null), {@code noise_corr_max} is computed on its threads (same result on any count). */
    public FeatureNoiseProbe(PatchDataset train, int neurons, org.momentumlab.util.ComputePool pool) {
        this(train, neurons, pool, null);
    }

    /**
     * For the model being trained: on its pool, and, with the float64 kernel, over the kernel's own
     * blocked copy of the data (the same layout as this probe's; the same numbers, without a second
     * copy, and the pass follows the kernel's over the same memory).
     */
    public FeatureNoiseProbe(org.momentumlab.model.CubicCnn model) {
        this(model.data(), model.neurons(), model.pool(), model.float64Blocks());
    }

    private FeatureNoiseProbe(PatchDataset train, int neurons, org.momentumlab.util.ComputePool pool,
                              org.momentumlab.model.CubicCnn.Blocks shared) {
        this.data = train;
        this.neurons = neurons;
        this.small = train.indicesOf(MarginGroup.SMALL);
        this.pool = pool;
        if (shared != null && shared.lanes() == B) {
            this.blocked = shared.array();
            this.base = shared.offset();
        }
    }

    private final org.momentumlab.util.ComputePool pool;

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] w = context.params();
        int d = data.dim();
        double[] ws = data.wStar();
        double maxSignal = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < neurons; r++) {
            double c = 0;
            for (int k = 0; k < d; k++) {
                c += w[r * d + k] * ws[k];
            }
            out.put("signal_r" + r, c);
            maxSignal = Math.max(maxSignal, c);
        }
        out.put("max_signal", maxSignal);
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i : small) {
            double xi = data.label(i) * totalNoise(w, i);
            sum += xi;
            max = Math.max(max, xi);
        }
        out.put("noise_small_mean", small.length == 0 ? Double.NaN : sum / small.length);
        out.put("noise_small_max", small.length == 0 ? Double.NaN : max);
        out.put("noise_corr_max", maxNoiseCorrelation(w));
    }

    /** Ξ_i = Σ_r Σ_{j ≠ signal} ⟨w_r, X_i[j]⟩³. */
    double totalNoise(double[] w, int i) {
        double s = 0;
        for (int j = 0; j < data.patchCount(); j++) {
            if (j == data.signalPosition(i)) {
                continue;
            }
            for (int r = 0; r < neurons; r++) {
                double c = dot(w, r * data.dim(), data.patches(), data.offset(i, j), data.dim());
                s += c * c * c;
            }
        }
        return s;
    }

    /**
     * max |⟨w_r, X_i[j]⟩| over noise patches. Each dot product is the sequential sum over k of
     * w·x products (multiply, then add, in k order), as {@link #dot} computes it; here eight
     * examples at a time, as vector lanes, over the data in blocks of eight laid out
     * [block][j][k][lane] (the float64 kernel's, or a copy made on the first call; the tail block is
     * padded with zero examples, whose products are 0 and cannot raise the maximum), which gives the
     * same numbers and so the same maximum.
     */
    private double maxNoiseCorrelation(double[] w) {
        int n = data.size();
        int p = data.patchCount();
        int d = data.dim();
        int blocks = (n + B - 1) / B;
        if (signal == null) {
            signal = new double[blocks * B];
            java.util.Arrays.fill(signal, -1);
            for (int i = 0; i < n; i++) {
                signal[i] = data.signalPosition(i);
            }
        }
        if (blocked == null) {
            blocked = new double[blocks * p * d * B];
            for (int i = 0; i < n; i++) {
                int b = i / B;
                int l = i % B;
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < d; k++) {
                        blocked[((b * p + j) * d + k) * B + l] = data.patches()[data.offset(i, j) + k];
                    }
                }
            }
        }
        int chunks = (blocks + CHUNK - 1) / CHUNK;
        double[] chunkMax = new double[chunks];
        if (pool == null) {
            for (int c = 0; c < chunks; c++) {
                chunkMax[c] = maxNoiseCorrelation(w, c * CHUNK, Math.min(blocks, (c + 1) * CHUNK));
            }
        } else {
            pool.run(chunks, c -> chunkMax[c] = maxNoiseCorrelation(w, c * CHUNK, Math.min(blocks, (c + 1) * CHUNK)));
        }
        double max = 0;
        for (double v : chunkMax) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Examples per block of the copy (lanes of the logical vector). */
    private static final int B = 8;
    /** Blocks per chunk of {@link #maxNoiseCorrelation(double[])}. */
    private static final int CHUNK = 256;

    /** max |⟨w_r, X_i[j]⟩| over noise patches of the examples of blocks [from, to). */
    private double maxNoiseCorrelation(double[] w, int from, int to) {
        int p = data.patchCount();
        int d = data.dim();
        VectorSpecies<Double> sp = S;
        int lanes = sp.length();
        DoubleVector m = DoubleVector.zero(sp);
        for (int b = from; b < to; b++) {
            for (int lo = 0; lo < B; lo += lanes) {
                DoubleVector sig = DoubleVector.fromArray(sp, signal, b * B + lo);
                for (int j = 0; j < p; j++) {
                    int xo = base + (b * p + j) * d * B + lo;
                    DoubleVector v = DoubleVector.zero(sp);
                    int r = 0;
                    for (; r + 4 <= neurons; r += 4) { // four independent sums share each load
                        DoubleVector a0 = DoubleVector.zero(sp);
                        DoubleVector a1 = DoubleVector.zero(sp);
                        DoubleVector a2 = DoubleVector.zero(sp);
                        DoubleVector a3 = DoubleVector.zero(sp);
                        for (int k = 0; k < d; k++) {
                            DoubleVector x = DoubleVector.fromArray(sp, blocked, xo + k * B);
                            a0 = a0.add(x.mul(w[r * d + k]));
                            a1 = a1.add(x.mul(w[(r + 1) * d + k]));
                            a2 = a2.add(x.mul(w[(r + 2) * d + k]));
                            a3 = a3.add(x.mul(w[(r + 3) * d + k]));
                        }
                        v = v.max(a0.abs()).max(a1.abs()).max(a2.abs()).max(a3.abs());
                    }
                    for (; r < neurons; r++) {
                        DoubleVector a0 = DoubleVector.zero(sp);
                        for (int k = 0; k < d; k++) {
                            a0 = a0.add(DoubleVector.fromArray(sp, blocked, xo + k * B).mul(w[r * d + k]));
                        }
                        v = v.max(a0.abs());
                    }
                    m = m.max(v.blend(0.0, sig.compare(VectorOperators.EQ, (double) j)));
                }
            }
        }
        return m.reduceLanes(VectorOperators.MAX);
    }

    /** The preferred species, or 8 lanes where the hardware has more (a block is 8 examples). */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED.length() <= B ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, jdk.incubator.vector.VectorShape.forBitSize(B * Double.SIZE));
    /**
     * The data in blocks of {@link #B} examples, [block][j][k][lane] from {@link #base}: the float64
     * kernel's, or a copy made on the first call.
     */
    private double[] blocked;
    private int base;
    private double[] signal;

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }
}
