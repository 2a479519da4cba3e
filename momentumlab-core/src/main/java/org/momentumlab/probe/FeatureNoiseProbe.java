package org.momentumlab.probe;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
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
        this.data = train;
        this.neurons = neurons;
        this.small = train.indicesOf(MarginGroup.SMALL);
        this.pool = pool;
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
     * w·x products (multiply, then add, in k order), as {@link #dot} computes it; here eight or more
     * examples at a time, as vector lanes, over a copy of the data laid out [j][k][i] (made on the
     * first call), which gives the same numbers and so the same maximum.
     */
    private double maxNoiseCorrelation(double[] w) {
        int n = data.size();
        int p = data.patchCount();
        int d = data.dim();
        if (columns == null) {
            columns = new double[p * d][n];
            signal = new double[n];
            for (int i = 0; i < n; i++) {
                signal[i] = data.signalPosition(i);
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < d; k++) {
                        columns[j * d + k][i] = data.patches()[data.offset(i, j) + k];
                    }
                }
            }
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[] chunkMax = new double[chunks];
        if (pool == null) {
            for (int c = 0; c < chunks; c++) {
                chunkMax[c] = maxNoiseCorrelation(w, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
            }
        } else {
            pool.run(chunks, c -> chunkMax[c] = maxNoiseCorrelation(w, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
        }
        double max = 0;
        for (double v : chunkMax) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Examples per chunk of {@link #maxNoiseCorrelation(double[])} (a multiple of every vector length). */
    private static final int CHUNK = 2048;

    /** max |⟨w_r, X_i[j]⟩| over noise patches of examples [from, to). */
    private double maxNoiseCorrelation(double[] w, int from, int to) {
        int p = data.patchCount();
        int d = data.dim();
        int lanes = S.length();
        int vecEnd = from + (to - from) - (to - from) % lanes;
        double max = 0;
        DoubleVector m = DoubleVector.zero(S);
        for (int j = 0; j < p; j++) {
            for (int i = from; i < vecEnd; i += lanes) {
                VectorMask<Double> signalPatch = DoubleVector.fromArray(S, signal, i).compare(VectorOperators.EQ, (double) j);
                DoubleVector b = DoubleVector.zero(S);
                int r = 0;
                for (; r + 4 <= neurons; r += 4) { // four independent sums share each load
                    DoubleVector a0 = DoubleVector.zero(S);
                    DoubleVector a1 = DoubleVector.zero(S);
                    DoubleVector a2 = DoubleVector.zero(S);
                    DoubleVector a3 = DoubleVector.zero(S);
                    for (int k = 0; k < d; k++) {
                        DoubleVector x = DoubleVector.fromArray(S, columns[j * d + k], i); // column k of patch j
                        a0 = a0.add(x.mul(w[r * d + k]));
                        a1 = a1.add(x.mul(w[(r + 1) * d + k]));
                        a2 = a2.add(x.mul(w[(r + 2) * d + k]));
                        a3 = a3.add(x.mul(w[(r + 3) * d + k]));
                    }
                    b = b.max(a0.abs()).max(a1.abs()).max(a2.abs()).max(a3.abs());
                }
                for (; r < neurons; r++) {
                    DoubleVector a0 = DoubleVector.zero(S);
                    for (int k = 0; k < d; k++) {
                        a0 = a0.add(DoubleVector.fromArray(S, columns[j * d + k], i).mul(w[r * d + k]));
                    }
                    b = b.max(a0.abs());
                }
                m = m.max(b.blend(0.0, signalPatch));
            }
            for (int i = vecEnd; i < to; i++) {
                if (j != data.signalPosition(i)) {
                    for (int r = 0; r < neurons; r++) {
                        max = Math.max(max, Math.abs(dot(w, r * d, data.patches(), data.offset(i, j), d)));
                    }
                }
            }
        }
        return Math.max(max, m.reduceLanes(VectorOperators.MAX));
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** The data as columns [j·d + k][i], made on the first call. */
    private double[][] columns;
    private double[] signal;

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }
}
