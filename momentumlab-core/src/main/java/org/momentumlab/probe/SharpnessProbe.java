package org.momentumlab.probe;

import org.momentumlab.flow.Sharpness;

/**
 * Sharpness: the top eigenvalue of the Hessian of the training objective at W_t, by Lanczos on
 * Hessian-vector products ({@link Sharpness}); metric {@code sharpness}. For GD on a quadratic the
 * iteration is stable only while sharpness &lt; 2/η (heavy ball: 2(1 + β)/h).
 */
public final class SharpnessProbe implements Probe {
    private final Sharpness sharpness;
    private final long every;

    /** Measures at probe times whose step is a multiple of {@code every} (≥ 1). */
    public SharpnessProbe(Sharpness sharpness, long every) {
        this.sharpness = sharpness;
        this.every = org.momentumlab.util.Check.atLeast("probe.sharpness_every", every, 1);
    }

    /** Lanczos to relative tolerance 1e-8, at most 100 iterations, start vector from seed 0, at every probe time. */
    public SharpnessProbe() {
        this(new Sharpness(1e-8, 100, 0), 1);
    }

    /** As {@link #SharpnessProbe()}, at probe times whose step is a multiple of {@code every}. */
    public SharpnessProbe(long every) {
        this(new Sharpness(1e-8, 100, 0), every);
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        if (context.step() % every == 0) {
            out.put("sharpness", sharpness.top(context.objective(), context.params()).eigenvalue());
        }
    }
}
