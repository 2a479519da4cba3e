package org.momentumlab.probe;

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
        this.data = train;
        this.neurons = neurons;
        this.small = train.indicesOf(MarginGroup.SMALL);
    }

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

    private double maxNoiseCorrelation(double[] w) {
        double max = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < data.patchCount(); j++) {
                if (j == data.signalPosition(i)) {
                    continue;
                }
                for (int r = 0; r < neurons; r++) {
                    max = Math.max(max, Math.abs(dot(w, r * data.dim(), data.patches(), data.offset(i, j), data.dim())));
                }
            }
        }
        return max;
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }
}
