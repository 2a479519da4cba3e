package org.momentumlab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The update rule of an optimizer in a spec ({@code optimizers.NAME.type}), one record per type
 * with exactly that type's fields; the learning rate and its schedule are {@link LrSchedule}.
 */
public sealed interface UpdateRule {

    /** The spec name of the type, e.g. {@code gd_momentum}. */
    String type();

    /** The momentum coefficient (γ, β or momentum), 0 for plain GD. */
    double momentum();

    /** The optimizer with learning-rate schedule {@code lr}. */
    Optimizer build(Schedule lr);

    /**
     * The largest Hessian eigenvalue for which the rule at constant learning rate {@code lr} is
     * stable on a quadratic, or NaN where no simple line applies (Nesterov, dampening).
     */
    double stabilityLimit(double lr);

    /** Every type with its default fields, in the order {@code mlab describe} lists them. */
    Map<String, UpdateRule> DEFAULTS = defaults();

    private static Map<String, UpdateRule> defaults() {
        Map<String, UpdateRule> m = new LinkedHashMap<>();
        for (UpdateRule r : new UpdateRule[] {new Gd(), new GdMomentum(0.9), new HeavyBall(0.9), new TorchSgd(0.9, 0, false, 0),
            new OptaxSgd(0.9, false), new SutskeverNesterov(0.9)}) {
            m.put(r.type(), r);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Plain gradient descent: x ← x − η∇f. */
    record Gd() implements UpdateRule {
        public String type() {
            return "gd";
        }

        public double momentum() {
            return 0;
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.gd(lr);
        }

        public double stabilityLimit(double lr) {
            return 2 / lr;
        }
    }

    /** Jelassi &amp; Li's EMA form: g ← γg + (1 − γ)∇f, x ← x − ηg. */
    record GdMomentum(@Doc("EMA momentum factor: g <- gamma g + (1 - gamma) grad") double gamma) implements UpdateRule {
        public GdMomentum {
            Check.halfOpen("gamma", gamma, 0, 1);
        }

        public String type() {
            return "gd_momentum";
        }

        public double momentum() {
            return gamma;
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.gdMomentum(lr, gamma);
        }

        public double stabilityLimit(double lr) {
            return 2 * (1 + gamma) / (lr * (1 - gamma));
        }
    }

    /** Polyak's heavy ball: x⁺ = x − h∇f + β(x − x₋), with x₋₁ = x₀. */
    record HeavyBall(@Doc("heavy-ball coefficient: x+ = x - h grad + beta (x - x_prev)") double beta) implements UpdateRule {
        public HeavyBall {
            Check.halfOpen("beta", beta, 0, 1);
        }

        public String type() {
            return "heavy_ball";
        }

        public double momentum() {
            return beta;
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.heavyBall(lr, beta);
        }

        public double stabilityLimit(double lr) {
            return 2 * (1 + beta) / lr;
        }
    }

    /** torch.optim.SGD: b ← μb + (1 − τ)g (b = g at the first step), g = ∇f + λx, Nesterov g + μb. */
    record TorchSgd(@Doc("momentum mu") double momentum, @Doc("dampening tau") double dampening,
                    @Doc("Nesterov direction g + mu b") boolean nesterov,
                    @Doc("L2 added to the gradient before momentum") double weightDecay) implements UpdateRule {
        public TorchSgd {
            Check.halfOpen("momentum", momentum, 0, 1);
            Check.closed("dampening", dampening, 0, 1);
            Check.nonNegative("weight_decay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("nesterov = true requires momentum > 0 and dampening = 0, got momentum = "
                        + Num.format(momentum) + ", dampening = " + Num.format(dampening));
            }
        }

        public String type() {
            return "torch_sgd";
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.torchSgd(lr, momentum, dampening, nesterov, weightDecay);
        }

        public double stabilityLimit(double lr) {
            return nesterov || dampening != 0 ? Double.NaN : 2 * (1 + momentum) / lr;
        }
    }

    /** optax.sgd: trace(momentum, nesterov) then scale by −lr. */
    record OptaxSgd(@Doc("momentum (trace decay)") double momentum, @Doc("Nesterov direction") boolean nesterov) implements UpdateRule {
        public OptaxSgd {
            Check.halfOpen("momentum", momentum, 0, 1);
        }

        public String type() {
            return "optax_sgd";
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.optaxSgd(lr, momentum, nesterov);
        }

        public double stabilityLimit(double lr) {
            return nesterov ? Double.NaN : 2 * (1 + momentum) / lr;
        }
    }

    /** Sutskever et al.'s Nesterov momentum: v ← μv − η∇f(x + μv), x ← x + v. */
    record SutskeverNesterov(@Doc("momentum mu of the look-ahead") double momentum) implements UpdateRule {
        public SutskeverNesterov {
            Check.halfOpen("momentum", momentum, 0, 1);
        }

        public String type() {
            return "sutskever_nesterov";
        }

        public Optimizer build(Schedule lr) {
            return Optimizers.sutskeverNesterov(lr, momentum);
        }

        public double stabilityLimit(double lr) {
            return Double.NaN;
        }
    }
}
