package org.momentumlab.optim;

/**
 * Composition: applies its parts in order, u ← T_k(…T_2(T_1(u))…) (Optax's {@code chain}).
 *
 * <p>Its state holds one state per part; {@link State#momentumBuffer()} is the first non-null
 * buffer among the parts' states.
 */
public final class Chain implements GradientTransformation {
    private final GradientTransformation[] parts;

    /** @param parts the pieces, applied in the given order; none null (the array is copied) */
    public Chain(GradientTransformation... parts) {
        Args.notNull("parts", parts);
        this.parts = parts.clone();
        for (int i = 0; i < this.parts.length; i++) {
            Args.notNull("parts[" + i + "]", this.parts[i]);
        }
    }

    /** Number of parts. */
    public int size() {
        return parts.length;
    }

    /** The i-th part. */
    public GradientTransformation part(int i) {
        return parts[i];
    }

    @Override
    public State init(int dimension) {
        TransformState[] states = new TransformState[parts.length];
        for (int i = 0; i < parts.length; i++) {
            states[i] = parts[i].init(dimension);
        }
        return new State(states);
    }

    @Override
    public void update(double[] updates, TransformState state, double[] params) {
        TransformState[] states = ((State) state).states;
        for (int i = 0; i < parts.length; i++) {
            parts[i].update(updates, states[i], params);
        }
    }

    /** The parts' states, in the order of the parts. */
    public static final class State implements TransformState {
        private final TransformState[] states;

        State(TransformState[] states) {
            this.states = states;
        }

        /** The state of the i-th part. */
        public TransformState part(int i) {
            return states[i];
        }

        @Override
        public double[] momentumBuffer() {
            for (TransformState s : states) {
                double[] b = s.momentumBuffer();
                if (b != null) {
                    return b;
                }
            }
            return null;
        }

        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            for (TransformState s : states) {
                s.save(out);
            }
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            for (TransformState s : states) {
                s.restore(in);
            }
        }
    }
}
