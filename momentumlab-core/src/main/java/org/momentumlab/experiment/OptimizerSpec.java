package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.optim.ConstantSchedule;
import org.momentumlab.optim.CosineSchedule;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.StepSchedule;
import org.momentumlab.optim.WarmupSchedule;

/**
 * One optimizer of an experiment, as written in a spec under {@code optimizers.<name>}.
 *
 * <p>Types and their fields: {@code gd} (lr); {@code gd_momentum} (lr, gamma: the EMA form of
 * Jelassi &amp; Li); {@code heavy_ball} (lr = h, beta: Polyak form); {@code torch_sgd} (lr, momentum,
 * dampening, nesterov, weight_decay); {@code optax_sgd} (lr, momentum, nesterov);
 * {@code sutskever_nesterov} (lr, momentum). Every type also takes the learning-rate schedule
 * fields: schedule (constant | step | cosine), step_factor, step_every, lr_min, warmup_steps.
 *
 * @param momentum the type's momentum coefficient (gamma, beta or momentum; 0 for gd)
 */
public record OptimizerSpec(String type, double lr, double momentum, double dampening, boolean nesterov,
                            double weightDecay, String schedule, double stepFactor, long stepEvery,
                            double lrMin, long warmupSteps) {

    /** The optimizer types, each with the name of its momentum field (null: none) and its extra fields. */
    public static final Map<String, List<String>> TYPES = typeTable();

    private static Map<String, List<String>> typeTable() {
        Map<String, List<String>> t = new java.util.LinkedHashMap<>();
        t.put("gd", List.of());
        t.put("gd_momentum", List.of("gamma"));
        t.put("heavy_ball", List.of("beta"));
        t.put("torch_sgd", List.of("momentum", "dampening", "nesterov", "weight_decay"));
        t.put("optax_sgd", List.of("momentum", "nesterov"));
        t.put("sutskever_nesterov", List.of("momentum"));
        return java.util.Collections.unmodifiableMap(t);
    }

    static final List<String> SCHEDULES = List.of("constant", "step", "cosine");

    /** The name of this type's momentum field, or null for plain GD. */
    public String momentumField() {
        List<String> f = TYPES.get(type);
        return f.isEmpty() ? null : f.get(0);
    }

    /** Builds the optimizer; {@code totalSteps} is the horizon of a cosine schedule. */
    public Optimizer build(long totalSteps) {
        Schedule base = switch (schedule) {
            case "step" -> new StepSchedule(lr, stepFactor, stepEvery);
            case "cosine" -> new CosineSchedule(lr, lrMin, totalSteps);
            default -> new ConstantSchedule(lr);
        };
        Schedule s = warmupSteps > 0 ? new WarmupSchedule(warmupSteps, base) : base;
        return switch (type) {
            case "gd" -> Optimizers.gd(s);
            case "gd_momentum" -> Optimizers.gdMomentum(s, momentum);
            case "heavy_ball" -> Optimizers.heavyBall(s, momentum);
            case "torch_sgd" -> Optimizers.torchSgd(s, momentum, dampening, nesterov, weightDecay);
            case "optax_sgd" -> Optimizers.optaxSgd(s, momentum, nesterov);
            case "sutskever_nesterov" -> Optimizers.sutskeverNesterov(s, momentum);
            default -> throw new IllegalStateException(type);
        };
    }

    /**
     * The largest Hessian eigenvalue for which this rule, with its initial learning rate, is stable
     * on a quadratic: 2/η for GD, 2(1 + β)/h for heavy ball (and torch/optax momentum without
     * dampening), 2(1 + γ)/(η(1 − γ)) for the EMA form; NaN where no simple line applies (Nesterov,
     * dampening, schedules other than constant).
     */
    public double stabilityLimit() {
        if (!schedule.equals("constant") || warmupSteps > 0 || nesterov || dampening != 0 || lr <= 0) {
            return Double.NaN;
        }
        return switch (type) {
            case "gd" -> 2 / lr;
            case "gd_momentum" -> 2 * (1 + momentum) / (lr * (1 - momentum));
            case "heavy_ball", "torch_sgd", "optax_sgd" -> 2 * (1 + momentum) / lr;
            default -> Double.NaN;
        };
    }
}
