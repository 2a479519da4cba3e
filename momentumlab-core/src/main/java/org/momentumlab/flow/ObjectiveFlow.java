package org.momentumlab.flow;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.momentumlab.model.Objective;

/**
 * An autonomous ODE x' = F(x) built from an {@link Objective}. Subclasses write F(x) into an output
 * array ({@link #derivative}); {@link #computeDerivatives} is the allocating form Hipparchus calls.
 * Instances keep scratch buffers: not thread-safe, one per integration at a time.
 */
public abstract class ObjectiveFlow implements OrdinaryDifferentialEquation {
    private final Objective objective;

    protected ObjectiveFlow(Objective objective) {
        if (objective == null) {
            throw new IllegalArgumentException("objective = null is not allowed");
        }
        this.objective = objective;
    }

    /** The objective E whose flow this is. */
    public final Objective objective() {
        return objective;
    }

    @Override
    public final int getDimension() {
        return objective.dimension();
    }

    /**
     * Writes F(x) into {@code out}.
     *
     * @param x   the point, length {@link #getDimension()}; not modified
     * @param out output, length {@link #getDimension()}; overwritten
     */
    public abstract void derivative(double[] x, double[] out);

    @Override
    public final double[] computeDerivatives(double t, double[] y) {
        double[] out = new double[getDimension()];
        derivative(y, out);
        return out;
    }

    final void requireLength(String field, double[] a) {
        if (a.length != getDimension()) {
            throw new IllegalArgumentException(field + ".length = " + a.length + " does not match the objective's dimension " + getDimension());
        }
    }
}
