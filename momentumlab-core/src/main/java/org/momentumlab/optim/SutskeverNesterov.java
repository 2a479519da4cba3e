package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Nesterov's accelerated gradient in the form of Sutskever, Martens, Dahl &amp; Hinton (ICML 2013),
 * eq. (3)–(4): v ← μv − lr_k·∇f(θ + μv); θ ← θ + v, with v⁰ = 0. The gradient is taken at the
 * look-ahead point θ + μv, which {@link #lookahead} writes (a {@link Stepper} asks for it through
 * {@link Stepper#evaluationPoint}); {@code update} receives that gradient and returns u ← v.
 *
 * <p>Under φ = θ + μv and constant lr this is torch.optim.SGD with {@code nesterov=True} run on φ, with
 * torch's buffer b = −v/lr. {@link State#momentumBuffer()} returns null because v is a velocity in
 * parameter units, not a buffer in gradient units; the last v is {@link Stepper#lastUpdate()}.
 */
public final class SutskeverNesterov implements GradientTransformation, Lookahead {
    private final Schedule lr;
    private final double mu;

    /**
     * @param lr the learning rate schedule; not null
     * @param mu μ in [0, 1)
     */
    public SutskeverNesterov(Schedule lr, double mu) {
        this.lr = Args.notNull("lr", lr);
        this.mu = Check.halfOpen("mu", mu, 0, 1);
    }

    public Schedule lr() {
        return lr;
    }

    public double mu() {
        return mu;
    }

    @Override
    public State init(int dimension) {
        return new State(new double[Check.atLeast("dimension", dimension, 0)]);
    }

    @Override
    public void lookahead(double[] params, TransformState state, double[] out) {
        double[] v = ((State) state).velocity;
        double m = mu;
        for (int i = 0; i < params.length; i++) {
            out[i] = params[i] + m * v[i];
        }
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        State s = (State) state;
        double[] v = s.velocity;
        double rate = lr.at(s.step);
        s.step++;
        double m = mu;
        for (int i = 0; i < updates.length; i++) {
            double vi = m * v[i] - rate * updates[i];
            v[i] = vi;
            updates[i] = vi;
        }
    }

    /** The velocity v (parameter units) and the step counter. */
    public static final class State implements TransformState {
        private final double[] velocity;
        private long step;

        State(double[] velocity) {
            this.velocity = velocity;
        }

        /** Number of updates applied so far. */
        public long step() {
            return step;
        }

        /** The live velocity v (read-only for callers). */
        public double[] velocity() {
            return velocity;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeLong(step);
            StateIo.write(out, velocity);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            step = in.readLong();
            StateIo.read(in, velocity);
        }
    }
}
