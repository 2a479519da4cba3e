package org.momentumlab.probe;

/**
 * Projections of the full gradient and of the optimizer's momentum buffer on the feature w*, for
 * W ∈ R^{m×d} stored row-major (Jelassi &amp; Li, §3: G_r = ⟨∇_{w_r}L, w*⟩ and 𝒢_r = ⟨g_r, w*⟩).
 *
 * <p>Metrics: {@code grad_norm} = ‖∇L(W_t)‖_F, {@code grad_signal_r<r>} = G_r, and, when the
 * optimizer keeps a momentum buffer in gradient units, {@code momentum_signal_r<r>} = 𝒢_r and
 * {@code momentum_norm}. "Historical feature amplification" shows as 𝒢_r staying large after G_r
 * has collapsed.
 */
public final class GradientProjectionProbe implements Probe {
    private final double[] wStar;
    private final int neurons;

    public GradientProjectionProbe(double[] wStar, int neurons) {
        this.wStar = wStar;
        this.neurons = neurons;
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] g = context.gradient();
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        out.put("grad_norm", Math.sqrt(norm));
        project("grad_signal_r", g, out);
        double[] m = context.stepper().momentumBuffer();
        if (m != null) {
            double mn = 0;
            for (double v : m) {
                mn += v * v;
            }
            out.put("momentum_norm", Math.sqrt(mn));
            project("momentum_signal_r", m, out);
        }
    }

    private void project(String prefix, double[] v, MetricTable out) {
        int d = wStar.length;
        for (int r = 0; r < neurons; r++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += v[r * d + k] * wStar[k];
            }
            out.put(prefix + r, s);
        }
    }
}
