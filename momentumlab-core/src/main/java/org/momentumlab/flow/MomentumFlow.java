package org.momentumlab.flow;

import org.momentumlab.model.Objective;
import org.momentumlab.util.Check;

/**
 * The first-order flow of heavy ball, x' = −∇E(x)/(1 − β) (Ghosh et al., ICLR 2023): the iterates
 * x_k of x_{k+1} = x_k − h∇E(x_k) + β(x_k − x_{k−1}) stay O(h) close to x(kh) on a fixed horizon.
 * For β = 0 it is the {@link GradientFlow}.
 */
public final class MomentumFlow extends ObjectiveFlow {
    private final double beta;

    /** @param beta β in [0, 1) */
    public MomentumFlow(Objective objective, double beta) {
        super(objective);
        this.beta = Check.halfOpen("beta", beta, 0, 1);
    }

    public double beta() {
        return beta;
    }

    @Override
    public void derivative(double[] x, double[] out) {
        requireLength("x", x);
        requireLength("out", out);
        objective().valueAndGradient(x, out);
        double s = -1.0 / (1.0 - beta);
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
    }
}
