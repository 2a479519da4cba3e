package org.momentumlab.flow;

import org.momentumlab.model.Objective;

/** Gradient flow x' = −∇E(x): the h → 0 limit of gradient descent, O(h) close to its iterates. */
public final class GradientFlow extends ObjectiveFlow {

    public GradientFlow(Objective objective) {
        super(objective);
    }

    @Override
    public void derivative(double[] x, double[] out) {
        requireLength("x", x);
        requireLength("out", out);
        objective().valueAndGradient(x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = -out[i];
        }
    }
}
