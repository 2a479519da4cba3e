package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * Exponential moving average of the updates: e ← γe + (1 − γ)u, u ← e, with e⁰ = 0 — the momentum
 * buffer of GD+M in Jelassi &amp; Li (ICML 2022), g ← γg + (1 − γ)∇L(W).
 *
 * <p>No bias correction (unlike Optax's {@code ema(decay, debias=True)}): the first update is
 * (1 − γ)u. The buffer is in gradient units and is exposed by {@link State#momentumBuffer()}.
 */
public final class Ema implements GradientTransformation {
    private final double decay;

    /** @param decay γ in [0, 1] */
    public Ema(double decay) {
        this.decay = Check.closed("decay", decay, 0, 1);
    }

    public double decay() {
        return decay;
    }

    @Override
    public State init(int dimension) {
        return new State(new double[Check.atLeast("dimension", dimension, 0)]);
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        double[] e = ((State) state).buffer;
        double g = decay;
        double w = 1 - decay;
        for (int i = 0; i < updates.length; i++) {
            double v = g * e[i] + w * updates[i];
            e[i] = v;
            updates[i] = v;
        }
    }

    /** The average e. */
    public static final class State implements TransformState {
        private final double[] buffer;

        State(double[] buffer) {
            this.buffer = buffer;
        }

        @Override
        public double[] momentumBuffer() {
            return buffer;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            StateIo.write(out, buffer);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            StateIo.read(in, buffer);
        }
    }
}
