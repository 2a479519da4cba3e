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
        record(direction, context.gradient(), theta, stepper.weightDecay(), out);
    }

    /**
     * Puts the noise metrics of search direction {@code direction} against the full-data gradient
     * {@code full} at {@code theta}, where the update decays weights by {@code lambda}, into {@code out}.
     */
    public static void record(double[] direction, double[] full, double[] theta, double lambda, MetricTable out) {
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
    }
}
