package org.momentumlab.probe;

import org.momentumlab.optim.Stepper;

/**
 * Sato &amp; Iiduka's optimizer noise (2024), measured at step t before the update and at the same
 * point θ_t: the search direction m_t the update is about to take ({@link Stepper#direction}: SGD's
 * mini-batch gradient, the buffers of the momentum methods) against the full-data gradient ∇f(θ_t)
 * (of f + (λ/2)‖θ‖² where the optimizer decays weights by λ, so that full-batch GD has noise 0).
 * Metrics: {@code noise_level} = ‖m_t − ∇f(θ_t)‖, {@code noise_rel} = that over ‖∇f(θ_t)‖,
 * {@code noise_angle} = the angle between m_t and ∇f(θ_t) in degrees, {@code direction_norm} =
 * ‖m_t‖. The probe reads the step's gradient and the optimizer's state and changes neither: the
 * trajectory is the same bits with and without it (tested).
 */
public final class OptimizerNoiseProbe implements Probe {
    private double[] direction;
    private final Options options;
    private double tailSum;
    private long tailCount;
    private double maxVariance;
    private double maxNorm;

    /**
     * What the probe measures beyond the noise level.
     *
     * @param tailFrom       probes at steps ≥ this also enter {@code noise_level_tail}, their running mean
     *                       (its final value: the mean over the last part of training)
     * @param batches        the mini-batch gradients, for the variance estimate; null for none
     * @param examples       n, the number of training examples
     * @param batchSize      b, the training batch size (n for full batch, where C = 0)
     * @param varianceDraws  mini-batches per variance estimate (0 = none)
     * @param rng            where the estimate's batches at step t come from (never the training order; a
     *                       stream per step, so that a resumed run draws the same)
     * @param smoothing      the optimizer's smoothing formula, or null where none applies
     * @param afterUpdate    also {@code noise_level_after} = ‖m_t − ∇f(θ_{t+1})‖, the full gradient taken
     *                       after the update, as the code published with Sato &amp; Iiduka's paper measures it
     *                       (for comparison only: θ_{t+1} is not where m_t was formed)
     */
    public record Options(long tailFrom, Smoothing.BatchGradient batches, int examples, int batchSize, int varianceDraws,
                          java.util.function.LongFunction<java.util.random.RandomGenerator> rng, Smoothing smoothing, boolean afterUpdate) {
        /** The noise level only (and its tail mean from {@code tailFrom}). */
        public static Options levelOnly(long tailFrom) {
            return new Options(tailFrom, null, 0, 0, 0, null, null, false);
        }
    }

    /** The noise metrics only. */
    public OptimizerNoiseProbe() {
        this(Options.levelOnly(Long.MAX_VALUE));
    }

    /**
     * Also {@code noise_level_tail}; with batches, {@code grad_variance} (the estimate of C at θ_t,
     * {@link Smoothing#varianceEstimate}; 0 for full batch), {@code grad_variance_max} and
     * {@code grad_norm_max} (K: the largest ‖∇f‖ so far) and, where a formula applies,
     * {@code smoothing} (δ from the largest C and K so far).
     */
    public OptimizerNoiseProbe(Options options) {
        this.options = options;
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] g = context.stepGradient();
        if (g == null) {
            throw new IllegalStateException("the optimizer-noise probe needs the step's gradient (a loop that sets ProbeContext.stepGradient)");
        }
        double[] theta = context.params();
        int n = theta.length;
        if (direction == null || direction.length != n) {
            direction = new double[n];
        }
        Stepper stepper = context.stepper();
        stepper.direction(theta, g, direction);
        double[] full = context.gradient();
        double level = record(direction, full, theta, stepper.weightDecay(), out);
        if (options.afterUpdate()) {
            double[] next = new double[n];
            stepper.previewUpdate(theta, g, next);
            for (int i = 0; i < n; i++) {
                next[i] += theta[i];
            }
            double[] after = new double[n];
            context.objective().valueAndGradient(next, after);
            double lambda = stepper.weightDecay();
            double e2 = 0;
            for (int i = 0; i < n; i++) {
                double e = direction[i] - (lambda == 0 ? after[i] : after[i] + lambda * next[i]);
                e2 += e * e;
            }
            out.put("noise_level_after", Math.sqrt(e2));
        }
        if (context.step() >= options.tailFrom()) {
            tailSum += level;
            tailCount++;
            out.put("noise_level_tail", tailSum / tailCount);
        }
        if (options.batches() == null) {
            return;
        }
        double norm = 0;
        for (double v : full) {
            norm += v * v;
        }
        maxNorm = Math.max(maxNorm, Math.sqrt(norm));
        double c = options.batchSize() >= options.examples() || options.varianceDraws() == 0 ? 0
                : Smoothing.varianceEstimate(options.batches(), theta, full, options.examples(), options.batchSize(), options.varianceDraws(),
                        options.rng().apply(context.step()));
        maxVariance = Math.max(maxVariance, c);
        out.put("grad_variance", c);
        out.put("grad_variance_max", maxVariance);
        out.put("grad_norm_max", maxNorm);
        if (options.smoothing() != null) {
            out.put("smoothing", options.smoothing().delta(maxVariance, maxNorm));
        }
    }

    /**
     * Continues a run from the rows it recorded before an interruption: the running tail mean and
     * maxima are taken from them (a row at step s holds the probe of step s − {@code lag}), so the
     * resumed run records what the uninterrupted one would.
     */
    public void resume(MetricTable rows, long lag) {
        for (int r = 0; r < rows.rows(); r++) {
            double level = rows.get("noise_level", r);
            if (Double.isNaN(level)) {
                continue;
            }
            if (rows.step(r) - lag >= options.tailFrom()) {
                tailSum += level;
                tailCount++;
            }
            maxVariance = Math.max(maxVariance, nanToZero(rows.get("grad_variance", r)));
            maxNorm = Math.max(maxNorm, nanToZero(rows.get("grad_norm_max", r)));
        }
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * Puts the noise metrics of search direction {@code direction} against the full-data gradient
     * {@code full} at {@code theta}, where the update decays weights by {@code lambda}, into {@code out};
     * returns the level.
     */
    public static double record(double[] direction, double[] full, double[] theta, double lambda, MetricTable out) {
        int n = theta.length;
        double diff = 0;
        double dd = 0;
        double ff = 0;
        double df = 0;
        for (int i = 0; i < n; i++) {
            double f = lambda == 0 ? full[i] : full[i] + lambda * theta[i];
            double m = direction[i];
            double e = m - f;
            diff += e * e;
            dd += m * m;
            ff += f * f;
            df += m * f;
        }
        double level = Math.sqrt(diff);
        out.put("noise_level", level);
        out.put("noise_rel", level / Math.sqrt(ff));
        double cos = df / Math.sqrt(dd * ff);
        out.put("noise_angle", Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos)))));
        out.put("direction_norm", Math.sqrt(dd));
        return level;
    }
}
