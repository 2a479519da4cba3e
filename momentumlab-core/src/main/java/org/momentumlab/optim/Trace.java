package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Optax's {@code trace}: t ← u + μt (t⁰ = 0, no dampening), then u ← t, or u ← u + μt (with the new
 * t) when {@code nesterov}. With μ = momentum this is the buffer of torch.optim.SGD with dampening 0:
 * torch's first-step rule b ← g coincides with the zero start here.
 */
public final class Trace implements GradientTransformation {
    private final double decay;
    private final boolean nesterov;

    /**
     * @param decay    μ, finite and ≥ 0
     * @param nesterov whether to return u + μt instead of t
     */
    public Trace(double decay, boolean nesterov) {
        this.decay = Check.nonNegative("decay", decay);
        this.nesterov = nesterov;
    }

    public double decay() {
        return decay;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public State init(int dimension) {
        return new State(new double[Check.atLeast("dimension", dimension, 0)]);
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        double[] t = ((State) state).trace;
        double mu = decay;
        if (nesterov) {
            for (int i = 0; i < updates.length; i++) {
                double u = updates[i];
                double v = u + mu * t[i];
                t[i] = v;
                updates[i] = u + mu * v;
            }
        } else {
            for (int i = 0; i < updates.length; i++) {
                double v = updates[i] + mu * t[i];
                t[i] = v;
                updates[i] = v;
            }
        }
    }

    /** The trace t. */
    public static final class State implements TransformState {
        private final double[] trace;

        State(double[] trace) {
            this.trace = trace;
        }

        @Override
        public double[] momentumBuffer() {
            return trace;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            StateIo.write(out, trace);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            StateIo.read(in, trace);
        }
    }
}
