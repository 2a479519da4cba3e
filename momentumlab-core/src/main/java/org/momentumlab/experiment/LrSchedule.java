package org.momentumlab.experiment;

import org.momentumlab.optim.ConstantSchedule;
import org.momentumlab.optim.CosineSchedule;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.StepSchedule;
import org.momentumlab.optim.WarmupSchedule;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The learning rate of an optimizer in a spec and its schedule. Fields that the chosen shape does
 * not use are reset to their defaults, so a spec reads back equal to itself.
 */
public record LrSchedule(@Doc("learning rate (eta; the step h for heavy_ball)") double lr,
                         @Doc("learning-rate schedule: constant | step | cosine") Shape schedule,
                         @Doc("step schedule: multiply lr by this every step_every steps") double stepFactor,
                         @Doc("step schedule period in steps (0 = a third of the run)") long stepEvery,
                         @Doc("cosine schedule floor") double lrMin,
                         @Doc("linear warm-up steps before the schedule (0 = none)") long warmupSteps) {

    /** The shapes of a schedule. */
    public enum Shape { CONSTANT, STEP, COSINE }

    /** Defaults of every field but lr, which each optimizer must give. */
    public static final LrSchedule DEFAULTS = new LrSchedule(0, Shape.CONSTANT, 0.1, 0, 0, 0);

    public LrSchedule {
        Check.nonNegative("lr", lr);
        if (schedule != Shape.STEP) {
            stepFactor = 0.1;
            stepEvery = 0;
        }
        if (schedule != Shape.COSINE) {
            lrMin = 0;
        }
        Check.positive("step_factor", stepFactor);
        Check.atLeast("step_every", stepEvery, 0);
        Check.closed("lr_min", lrMin, 0, lr);
        Check.atLeast("warmup_steps", warmupSteps, 0);
    }

    /** The schedule over a run of {@code totalSteps} steps (the horizon of cosine, the default step period). */
    public Schedule build(long totalSteps) {
        Schedule base = switch (schedule) {
            case STEP -> new StepSchedule(lr, stepFactor, stepEvery > 0 ? stepEvery : Math.max(1, totalSteps / 3));
            case COSINE -> new CosineSchedule(lr, lrMin, totalSteps);
            case CONSTANT -> new ConstantSchedule(lr);
        };
        return warmupSteps > 0 ? new WarmupSchedule(warmupSteps, base) : base;
    }

    /** Whether the learning rate is the same at every step. */
    public boolean constant() {
        return schedule == Shape.CONSTANT && warmupSteps == 0;
    }
}
