package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * The momentum buffer of torch.optim.SGD: on the first step b ← u (no dampening applied), afterwards
 * b ← μb + (1 − τ)u; then u ← u + μb if {@code nesterov}, else u ← b.
 *
 * <p>With τ = 0 the first-step rule equals a zero-initialized buffer (b¹ = μ·0 + u), so this is
 * {@link Trace}. With τ &gt; 0 it is not: the first buffer is u, not (1 − τ)u, which is an EMA started
 * from e⁰ = u instead of 0. As in torch, Nesterov requires μ &gt; 0 and τ = 0.
 */
public final class TorchMomentum implements GradientTransformation {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    /**
     * @param momentum  μ, finite and ≥ 0 (&gt; 0 when {@code nesterov})
     * @param dampening τ in [0, 1] (0 when {@code nesterov})
     * @param nesterov  whether to return u + μb instead of b
     */
    public TorchMomentum(double momentum, double dampening, boolean nesterov) {
        this.momentum = Check.nonNegative("momentum", momentum);
        this.dampening = Check.closed("dampening", dampening, 0, 1);
        this.nesterov = nesterov;
        requireNesterovConsistent(momentum, dampening, nesterov);
    }

    static void requireNesterovConsistent(double momentum, double dampening, boolean nesterov) {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov = true requires momentum > 0 and dampening = 0, got momentum = "
                    + momentum + ", dampening = " + dampening);
        }
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
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
        State s = (State) state;
        double[] b = s.buffer;
        int n = updates.length;
        if (!s.started) {
            System.arraycopy(updates, 0, b, 0, n);
            s.started = true;
        } else {
            double mu = momentum;
            double w = 1 - dampening;
            for (int i = 0; i < n; i++) {
                b[i] = mu * b[i] + w * updates[i];
            }
        }
        if (nesterov) {
            double mu = momentum;
            for (int i = 0; i < n; i++) {
                updates[i] = updates[i] + mu * b[i];
            }
        } else {
            System.arraycopy(b, 0, updates, 0, n);
        }
    }

    /** The buffer b and whether the first step has happened. */
    public static final class State implements TransformState {
        private final double[] buffer;
        private boolean started;

        State(double[] buffer) {
            this.buffer = buffer;
        }

        /** Whether the buffer has been set by a first step. */
        public boolean started() {
            return started;
        }

        @Override
        public double[] momentumBuffer() {
            return buffer;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeBoolean(started);
            StateIo.write(out, buffer);
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            started = in.readBoolean();
            StateIo.read(in, buffer);
        }
    }
}
