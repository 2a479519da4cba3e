package org.momentumlab.optim;

import org.momentumlab.model.Objective;

/** Test objective E(x) + (λ/2)‖x‖², gradient ∇E(x) + λx. */
final class L2Penalized implements Objective {
    private final Objective base;
    private final double lambda;

    L2Penalized(Objective base, double lambda) {
        this.base = base;
        this.lambda = lambda;
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        double value = base.valueAndGradient(x, grad);
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            grad[i] = grad[i] + lambda * x[i];
            sq += x[i] * x[i];
        }
        return value + 0.5 * lambda * sq;
    }
}
