package org.momentumlab.optim;

/**
 * A named update rule: a {@link GradientTransformation}, which may also be a {@link Lookahead}
 * (its gradient is then evaluated at the look-ahead point). Immutable and shareable; bind it to one
 * parameter vector with {@link #start(int)}.
 */
public final class Optimizer {
    private final String name;
    private final GradientTransformation transform;

    /**
     * @param name      a short name for reports and specs, not blank
     * @param transform the update rule; not null. If it implements {@link Lookahead}, steppers
     *                  evaluate gradients at its look-ahead point
     */
    public Optimizer(String name, GradientTransformation transform) {
        Args.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name = \"" + name + "\" is not allowed: must not be blank");
        }
        this.name = name;
        this.transform = Args.notNull("transform", transform);
    }

    public String name() {
        return name;
    }

    public GradientTransformation transform() {
        return transform;
    }

    /** Whether gradients must be evaluated at a look-ahead point rather than at θ. */
    public boolean usesLookahead() {
        return transform instanceof Lookahead;
    }

    /** A stepper with a fresh state for a parameter vector of length {@code dimension} (≥ 1). */
    public Stepper start(int dimension) {
        return new Stepper(transform, dimension);
    }

    @Override
    public String toString() {
        return name;
    }
}
