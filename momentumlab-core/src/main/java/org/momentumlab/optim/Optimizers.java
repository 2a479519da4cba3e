package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * The named optimizers, each a composition of the transformations of this package. Arguments are
 * validated here, with messages naming the field as the factory spells it (gamma, beta, momentum, …).
 */
public final class Optimizers {
    private Optimizers() {
    }

    /** Gradient descent θ ← θ − lr_k∇E(θ): {@code Chain(ScaleBySchedule(lr))}. */
    public static Optimizer gd(Schedule lr) {
        Args.notNull("lr", lr);
        return new Optimizer("gd", new Chain(new ScaleBySchedule(lr)));
    }

    /**
     * GD+M in the EMA form of Jelassi &amp; Li (ICML 2022): g ← γg + (1 − γ)∇E(θ), θ ← θ − η_k g,
     * g⁰ = 0: {@code Chain(Ema(γ), ScaleBySchedule(η))}.
     *
     * @param gamma γ in [0, 1)
     */
    public static Optimizer gdMomentum(Schedule lr, double gamma) {
        Args.notNull("lr", lr);
        Check.halfOpen("gamma", gamma, 0, 1);
        return new Optimizer("gdMomentum", new Chain(new Ema(gamma), new ScaleBySchedule(lr)));
    }

    /**
     * Polyak's heavy ball x_{k+1} = x_k − h_k∇E(x_k) + β(x_k − x_{k−1}), x_{−1} = x_0
     * ({@link PolyakHeavyBall}).
     *
     * @param beta β in [0, 1)
     */
    public static Optimizer heavyBall(Schedule h, double beta) {
        Args.notNull("h", h);
        Check.halfOpen("beta", beta, 0, 1);
        return new Optimizer("heavyBall", new PolyakHeavyBall(h, beta));
    }

    /**
     * torch.optim.SGD: {@code Chain(AddDecayedWeights(λ), TorchMomentum(μ, τ, nesterov), ScaleBySchedule(lr))}.
     * A part that would be the identity is left out: the weight decay when λ = 0 and the buffer when
     * μ = 0 (torch skips both too), so the result is bitwise torch's arithmetic order.
     *
     * @param momentum    μ in [0, 1)
     * @param dampening   τ in [0, 1]
     * @param nesterov    requires μ &gt; 0 and τ = 0, as in torch
     * @param weightDecay λ ≥ 0
     */
    public static Optimizer torchSgd(Schedule lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        Args.notNull("lr", lr);
        Check.halfOpen("momentum", momentum, 0, 1);
        Check.closed("dampening", dampening, 0, 1);
        Check.nonNegative("weightDecay", weightDecay);
        TorchMomentum.requireNesterovConsistent(momentum, dampening, nesterov);
        GradientTransformation scale = new ScaleBySchedule(lr);
        GradientTransformation buffer = momentum > 0 ? new TorchMomentum(momentum, dampening, nesterov) : null;
        GradientTransformation decay = weightDecay > 0 ? new AddDecayedWeights(weightDecay) : null;
        GradientTransformation[] parts;
        if (decay != null && buffer != null) {
            parts = new GradientTransformation[] {decay, buffer, scale};
        } else if (decay != null) {
            parts = new GradientTransformation[] {decay, scale};
        } else if (buffer != null) {
            parts = new GradientTransformation[] {buffer, scale};
        } else {
            parts = new GradientTransformation[] {scale};
        }
        return new Optimizer("torchSgd", new Chain(parts));
    }

    /** torch.optim.SGD without weight decay: {@code torchSgd(lr, momentum, dampening, nesterov, 0)}. */
    public static Optimizer torchSgd(Schedule lr, double momentum, double dampening, boolean nesterov) {
        return torchSgd(lr, momentum, dampening, nesterov, 0);
    }

    /**
     * Optax's {@code sgd(learning_rate, momentum, nesterov)}: {@code Chain(Trace(μ, nesterov), ScaleBySchedule(lr))}.
     *
     * @param momentum μ in [0, 1)
     */
    public static Optimizer optaxSgd(Schedule lr, double momentum, boolean nesterov) {
        Args.notNull("lr", lr);
        Check.halfOpen("momentum", momentum, 0, 1);
        return new Optimizer("optaxSgd", new Chain(new Trace(momentum, nesterov), new ScaleBySchedule(lr)));
    }

    /**
     * Nesterov's method in Sutskever et al.'s form, v ← μv − lr_k∇E(θ + μv), θ ← θ + v
     * ({@link SutskeverNesterov}); the stepper evaluates gradients at θ + μv.
     *
     * @param mu μ in [0, 1)
     */
    public static Optimizer sutskeverNesterov(Schedule lr, double mu) {
        Args.notNull("lr", lr);
        Check.halfOpen("mu", mu, 0, 1);
        return new Optimizer("sutskeverNesterov", new SutskeverNesterov(lr, mu));
    }
}
