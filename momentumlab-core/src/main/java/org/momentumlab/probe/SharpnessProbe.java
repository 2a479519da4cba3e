package org.momentumlab.probe;

import org.momentumlab.flow.Sharpness;

/**
 * Sharpness: the top eigenvalue of the Hessian of the training objective at W_t, by Lanczos on
 * Hessian-vector products ({@link Sharpness}); metric {@code sharpness}. For GD on a quadratic the
 * iteration is stable only while sharpness &lt; 2/η (heavy ball: 2(1 + β)/h).
 */
public final class SharpnessProbe implements Probe {
    private final Sharpness sharpness;

    public SharpnessProbe(Sharpness sharpness) {
        this.sharpness = sharpness;
    }

    /** Lanczos to relative tolerance 1e-8, at most 100 iterations, start vector from seed 0. */
    public SharpnessProbe() {
        this(new Sharpness(1e-8, 100, 0));
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        out.put("sharpness", sharpness.top(context.objective(), context.params()).eigenvalue());
    }
}
