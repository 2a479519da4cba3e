package org.momentumlab.optim;

/**
 * u ← −lr(t)·u, where t counts this transformation's updates (0 on the first); Optax's
 * {@code scale_by_schedule} with the descent sign folded in (Optax's {@code sgd} chains it after
 * {@code scale(-1)}).
 */
public final class ScaleBySchedule implements GradientTransformation {
    private final Schedule schedule;

    /** @param schedule lr(t); not null */
    public ScaleBySchedule(Schedule schedule) {
        this.schedule = Args.notNull("lr", schedule);
    }

    public Schedule schedule() {
        return schedule;
    }

    @Override
    public State init(int dimension) {
        return new State();
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        State s = (State) state;
        double lr = schedule.at(s.step);
        s.step++;
        for (int i = 0; i < updates.length; i++) {
            updates[i] = -lr * updates[i];
        }
    }

    /** The step counter t. */
    public static final class State implements TransformState {
        private long step;

        State() {
        }

        /** Number of updates applied so far. */
        public long step() {
            return step;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeLong(step);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            step = in.readLong();
        }
    }
}
