package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Polyak's heavy ball written literally on positions (Polyak 1964; the form analysed by Ghosh et al.,
 * ICLR 2023): x_{k+1} = x_k − h_k∇E(x_k) + β(x_k − x_{k−1}), with x_{−1} = x_0. As a transformation:
 * u ← −h_k·u + β(θ − x_prev), then x_prev ← θ; on the first update x_prev is copied from θ.
 *
 * <p>For constant h it equals GD+M in EMA form with η = h/(1 − β), γ = β, and torch SGD with
 * lr = h, momentum = β, in exact arithmetic. With a varying h_k it does not: the EMA form's
 * displacement recurrence carries the ratio h_k/h_{k−1} in front of β.
 *
 * <p>{@link State#momentumBuffer()} returns null: this form keeps the previous position, not a buffer
 * in gradient units. The equivalent buffer, −(θ_k − θ_{k−1})/h, would have to be computed (and
 * stored) on request and is undefined for h = 0; the last displacement is available from
 * {@link Stepper#lastUpdate()}.
 */
public final class PolyakHeavyBall implements GradientTransformation {
    private final Schedule h;
    private final double beta;

    /**
     * @param h    the step h_k; not null
     * @param beta β in [0, 1)
     */
    public PolyakHeavyBall(Schedule h, double beta) {
        this.h = Args.notNull("h", h);
        this.beta = Check.halfOpen("beta", beta, 0, 1);
    }

    public Schedule h() {
        return h;
    }

    public double beta() {
        return beta;
    }

    @Override
    public State init(int dimension) {
        return new State(new double[Check.atLeast("dimension", dimension, 0)]);
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        State s = (State) state;
        double[] prev = s.previous;
        int n = updates.length;
        if (s.step == 0) {
            System.arraycopy(params, 0, prev, 0, n);
        }
        double hk = h.at(s.step);
        s.step++;
        double b = beta;
        for (int i = 0; i < n; i++) {
            double theta = params[i];
            updates[i] = -hk * updates[i] + b * (theta - prev[i]);
            prev[i] = theta;
        }
    }

    /** The previous position x_{k−1} and the step counter k. */
    public static final class State implements TransformState {
        private final double[] previous;
        private long step;

        State(double[] previous) {
            this.previous = previous;
        }

        /** Number of updates applied so far. */
        public long step() {
            return step;
        }

        /** The live previous position x_{k−1} (read-only for callers; meaningless before the first update). */
        public double[] previous() {
            return previous;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeLong(step);
            StateIo.write(out, previous);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            step = in.readLong();
            StateIo.read(in, previous);
        }
    }
}
