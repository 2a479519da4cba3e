package org.momentumlab.probe;

import org.momentumlab.model.Objective;
import org.momentumlab.optim.Stepper;

/**
 * What a probe sees at step t: the iterate W_t (after t optimizer steps), the optimizer's state,
 * and the full training loss and gradient at W_t — taken from the training step when that step
 * computed exactly them (full batch, no look-ahead), otherwise computed once on first request.
 * Arrays handed out are read-only for probes.
 */
public final class ProbeContext {
    private final Objective objective;
    private final double[] gradient;
    private long step;
    private double[] params;
    private Stepper stepper;
    private double loss;
    private boolean fresh;
    private double[] stepGradient;

    /** @param objective the full training objective */
    public ProbeContext(Objective objective) {
        this.objective = objective;
        this.gradient = new double[objective.dimension()];
    }

    /** Sets the step and iterate; the loss and gradient will be computed on demand. */
    public void reset(long step, double[] params, Stepper stepper) {
        this.stepGradient = null;
        this.step = step;
        this.params = params;
        this.stepper = stepper;
        this.fresh = false;
    }

    /** Sets the step and iterate with the full loss and gradient already known at {@code params}. */
    public void reset(long step, double[] params, Stepper stepper, double fullLoss, double[] fullGradient) {
        reset(step, params, stepper);
        System.arraycopy(fullGradient, 0, gradient, 0, gradient.length);
        this.loss = fullLoss;
        this.fresh = true;
    }

    /**
     * The gradient this step computed for its update (of the step's mini-batch, at the optimizer's
     * evaluation point), which the probe sees before the update; null if the loop gave none.
     */
    public double[] stepGradient() {
        return stepGradient;
    }

    /** Sets {@link #stepGradient()} (read-only for probes). */
    public void stepGradient(double[] grad) {
        this.stepGradient = grad;
    }

    public long step() {
        return step;
    }

    public double[] params() {
        return params;
    }

    public Stepper stepper() {
        return stepper;
    }

    public Objective objective() {
        return objective;
    }

    /** Full training loss L(W_t). */
    public double trainLoss() {
        ensure();
        return loss;
    }

    /** Full gradient ∇L(W_t). */
    public double[] gradient() {
        ensure();
        return gradient;
    }

    private void ensure() {
        if (!fresh) {
            loss = objective.valueAndGradient(params, gradient);
            fresh = true;
        }
    }
}
