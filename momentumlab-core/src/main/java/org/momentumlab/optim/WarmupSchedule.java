package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Linear warm-up in front of another schedule (Goyal et al. 2017):
 * lr(t) = (t + 1)/W · after(t) for t &lt; W, then after(t). The ramp multiplies the wrapped schedule
 * evaluated at the same t (the wrapped schedule is not shifted). W = 0 means no warm-up.
 *
 * @param warmupSteps W, ≥ 0
 * @param after       the schedule being ramped up; not null
 */
public record WarmupSchedule(long warmupSteps, Schedule after) implements Schedule {
    public WarmupSchedule {
        Check.atLeast("warmupSteps", warmupSteps, 0L);
        Args.notNull("after", after);
    }

    @Override
    public double at(long step) {
        double base = after.at(step);
        return step < warmupSteps ? (double) (step + 1) / warmupSteps * base : base;
    }
}
