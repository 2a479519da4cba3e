package org.momentumlab.experiment;

import org.momentumlab.model.Precision;
import org.momentumlab.util.Check;

/**
 * The cubic CNN's settings: m neurons, W⁰ ~ N(0, σ0²) entrywise, L2 coefficient λ, arithmetic.
 *
 * @param neurons   m (≥ 1)
 * @param initStd   σ0 (≥ 0)
 * @param lambda    λ in (λ/2)‖W‖² (≥ 0)
 * @param precision arithmetic of the loss and gradient kernel (parameters stay float64)
 */
public record ModelSpec(int neurons, double initStd, double lambda, Precision precision) {
    public ModelSpec {
        Check.atLeast("model.neurons", neurons, 1);
        Check.nonNegative("model.init_std", initStd);
        Check.nonNegative("model.lambda", lambda);
    }
}
