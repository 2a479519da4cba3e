package org.momentumlab.optim;

import org.momentumlab.util.Check;

/**
 * An {@link Optimizer} bound to one parameter vector: its state plus the scratch buffers of the
 * training loop. Per step the loop does
 * <pre>{@code
 *   double[] at = stepper.evaluationPoint(theta);
 *   objective.valueAndGradient(at, grad);
 *   stepper.step(theta, grad);   // theta ← theta + T(grad)
 * }</pre>
 * Neither method allocates. Not thread-safe; one stepper per parameter vector.
 */
public final class Stepper {
    private final GradientTransformation transform;
    private final Lookahead lookahead;
    private final TransformState state;
    private final int dimension;
    private final double[] updates;
    private final double[] lookaheadPoint;
    private long steps;

    Stepper(GradientTransformation transform, int dimension) {
        this.transform = transform;
        this.dimension = Check.atLeast("dimension", dimension, 1);
        this.state = transform.init(dimension);
        this.updates = new double[dimension];
        this.lookahead = transform instanceof Lookahead l ? l : null;
        this.lookaheadPoint = lookahead == null ? null : new double[dimension];
    }

    /** Length of the parameter vector. */
    public int dimension() {
        return dimension;
    }

    /**
     * The point where the next gradient must be evaluated: {@code params} itself, or, for a
     * {@link Lookahead} transformation, the look-ahead point written into a scratch array owned by
     * this stepper (overwritten by the next call). {@code params} is not modified.
     */
    public double[] evaluationPoint(double[] params) {
        if (lookahead == null) {
            return params;
        }
        requireLength("params", params);
        lookahead.lookahead(params, state, lookaheadPoint);
        return lookaheadPoint;
    }

    /**
     * params ← params + T(grad): copies {@code grad} into the internal update buffer ({@code grad} is
     * not modified), applies the transformation, adds the result to {@code params}.
     *
     * @param params θ, modified in place
     * @param grad   the gradient at {@link #evaluationPoint(double[])}; not modified
     */
    public void step(double[] params, double[] grad) {
        requireLength("params", params);
        requireLength("grad", grad);
        double[] u = updates;
        System.arraycopy(grad, 0, u, 0, dimension);
        transform.update(u, state, params);
        for (int i = 0; i < dimension; i++) {
            params[i] += u[i];
        }
        steps++;
    }

    /**
     * The search direction m_t the next {@link #step} with {@code grad} would take (Sato &amp; Iiduka's
     * m_t, the update being −η_t·m_t), into {@code out}; the state is left exactly as it was (it is
     * saved and restored bit for bit). For a chain ending in a learning-rate scale (GD, the EMA form,
     * torch SGD with its momentum, dampening, Nesterov and weight-decay variants, Optax's SGD) it is
     * the chain's output before that scale, exactly: GD's direction is {@code grad} bit for bit, the
     * EMA form's its buffer γm + (1 − γ)g, torch SGD's its buffer βm + (1 − τ)g (Nesterov: g + βm), each
     * with λθ added to g where there is weight decay. For Polyak's heavy ball and Sutskever's
     * Nesterov, whose updates are not a scaled direction, it is −u/η_t (to rounding; NaN where η_t = 0).
     */
    public void direction(double[] params, double[] grad, double[] out) {
        if (transform instanceof Chain c && c.part(c.size() - 1) instanceof ScaleBySchedule) {
            dryRun(params, grad, out, () -> {
                Chain.State cs = (Chain.State) state;
                for (int i = 0; i < c.size() - 1; i++) {
                    c.part(i).update(out, cs.part(i), params);
                }
            });
            return;
        }
        double rate;
        if (transform instanceof PolyakHeavyBall hb) {
            rate = hb.h().at(steps);
        } else if (transform instanceof SutskeverNesterov sn) {
            rate = sn.lr().at(steps);
        } else {
            throw new UnsupportedOperationException("no search direction for " + transform.getClass().getSimpleName());
        }
        previewUpdate(params, grad, out);
        for (int i = 0; i < dimension; i++) {
            out[i] = -out[i] / rate;
        }
    }

    /**
     * The update u the next {@link #step} with {@code grad} would add to {@code params}, into
     * {@code out}, leaving the state exactly as it was.
     */
    public void previewUpdate(double[] params, double[] grad, double[] out) {
        dryRun(params, grad, out, () -> transform.update(out, state, params));
    }

    /** Copies {@code grad} into {@code out}, runs {@code body} on the state, then restores the state bit for bit. */
    private void dryRun(double[] params, double[] grad, double[] out, Runnable body) {
        requireLength("params", params);
        requireLength("grad", grad);
        requireLength("out", out);
        byte[] saved = snapshot();
        try {
            System.arraycopy(grad, 0, out, 0, dimension);
            body.run();
        } finally {
            restore(saved);
        }
    }

    private void restore(byte[] saved) {
        try {
            state.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(saved)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The weight decay λ the update adds to the gradient (λθ), 0 if none: the direction's gradient is that of f + (λ/2)‖θ‖². */
    public double weightDecay() {
        if (transform instanceof Chain c) {
            for (int i = 0; i < c.size(); i++) {
                if (c.part(i) instanceof AddDecayedWeights w) {
                    return w.weightDecay();
                }
            }
        }
        return 0;
    }

    private byte[] snapshot() {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(b)) {
            state.save(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Writes the optimizer's state and step count, bit for bit, for a checkpoint. */
    public void save(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(dimension);
        out.writeLong(steps);
        state.save(out);
    }

    /**
     * Sets this stepper (of the same optimizer and dimension) to what {@link #save} wrote: it then
     * continues exactly as the saved one would have.
     */
    public void restore(java.io.DataInput in) throws java.io.IOException {
        int n = in.readInt();
        if (n != dimension) {
            throw new java.io.IOException("a checkpoint of " + n + " parameters for " + dimension);
        }
        steps = in.readLong();
        state.restore(in);
    }

    /** Number of {@link #step} calls so far. */
    public long steps() {
        return steps;
    }

    /** The state's momentum buffer (live, read-only), or null if it keeps none. */
    public double[] momentumBuffer() {
        return state.momentumBuffer();
    }

    /** The last applied update u, so that θ_{k+1} = θ_k + u (live, read-only; zeros before the first step). */
    public double[] lastUpdate() {
        return updates;
    }

    /** The transformation's state (live), for probes that know its type. */
    public TransformState state() {
        return state;
    }

    private void requireLength(String field, double[] a) {
        if (a.length != dimension) {
            throw new IllegalArgumentException(field + ".length = " + a.length + " does not match the optimizer's dimension " + dimension);
        }
    }
}
