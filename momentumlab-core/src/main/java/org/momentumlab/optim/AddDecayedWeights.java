package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * L2 weight decay added to the gradient: u ← u + λθ (torch.optim.SGD's {@code weight_decay},
 * Optax's {@code add_decayed_weights}). Placed before a momentum buffer, it is exactly gradient
 * descent on E(θ) + (λ/2)‖θ‖². Stateless.
 */
public final class AddDecayedWeights implements GradientTransformation {
    private final double weightDecay;

    /** @param weightDecay λ, finite and ≥ 0 */
    public AddDecayedWeights(double weightDecay) {
        this.weightDecay = Check.nonNegative("weightDecay", weightDecay);
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public TransformState init(int dimension) {
        return TransformState.empty();
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        double lambda = weightDecay;
        for (int i = 0; i < updates.length; i++) {
            updates[i] = updates[i] + lambda * params[i];
        }
    }
}
