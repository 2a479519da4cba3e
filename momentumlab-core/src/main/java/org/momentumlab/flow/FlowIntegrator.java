package org.momentumlab.flow;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.momentumlab.util.Check;

/**
 * Solves a flow with Hipparchus' adaptive Dormand–Prince 8(5,3) integrator and samples it on the grid
 * t_k = k·h, k = 0..K, through the integrator's dense output (its 7th-order interpolator), so the
 * adaptive steps need not hit the grid.
 *
 * <p>The default tolerances ({@link #tight()}: absolute and relative 1e-13) keep the integration
 * error near the rounding level, orders of magnitude below the O(h)–O(h²) distances between iterates
 * and flows that this package measures: what is measured is the modified-equation error, not the
 * solver's. Immutable.
 */
public final class FlowIntegrator {
    /** Default absolute and relative tolerance of {@link #tight()}. */
    public static final double TIGHT_TOLERANCE = 1e-13;

    private final double absoluteTolerance;
    private final double relativeTolerance;

    /**
     * @param absoluteTolerance &gt; 0
     * @param relativeTolerance &gt; 0
     */
    public FlowIntegrator(double absoluteTolerance, double relativeTolerance) {
        this.absoluteTolerance = Check.positive("absoluteTolerance", absoluteTolerance);
        this.relativeTolerance = Check.positive("relativeTolerance", relativeTolerance);
    }

    /** Absolute and relative tolerance {@value #TIGHT_TOLERANCE}. */
    public static FlowIntegrator tight() {
        return new FlowIntegrator(TIGHT_TOLERANCE, TIGHT_TOLERANCE);
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    /**
     * The solution of x' = F(x), x(0) = x0, at t_k = k·h for k = 0..steps.
     *
     * @param ode   the flow (autonomous or not; time starts at 0)
     * @param x0    initial point, length ode.getDimension(); not modified
     * @param h     grid spacing &gt; 0
     * @param steps K ≥ 0; the horizon is T = K·h
     * @return a fresh (steps+1) × n array; row k is x(k·h), row 0 a copy of x0
     */
    public double[][] solveOnGrid(OrdinaryDifferentialEquation ode, double[] x0, double h, int steps) {
        if (ode == null) {
            throw new IllegalArgumentException("ode = null is not allowed");
        }
        int n = ode.getDimension();
        if (x0 == null || x0.length != n) {
            throw new IllegalArgumentException("x0.length = " + (x0 == null ? "null" : x0.length)
                    + " does not match the ODE's dimension " + n);
        }
        Check.positive("h", h);
        Check.atLeast("steps", steps, 0);
        double[][] out = new double[steps + 1][];
        out[0] = x0.clone();
        if (steps == 0) {
            return out;
        }
        double horizon = steps * h;
        DormandPrince853Integrator integrator =
                new DormandPrince853Integrator(0.0, horizon, absoluteTolerance, relativeTolerance);
        GridSampler sampler = new GridSampler(out, h, steps);
        integrator.addStepHandler(sampler);
        integrator.integrate(ode, new ODEState(0.0, x0.clone()), horizon);
        if (sampler.next != steps + 1) {
            throw new IllegalStateException("the integration stopped at grid point " + sampler.next + " of " + (steps + 1));
        }
        return out;
    }

    /** Fills the rows k ≥ 1 whose time k·h lies in each step, from the step's interpolator. */
    private static final class GridSampler implements ODEStepHandler {
        private final double[][] out;
        private final double h;
        private final int steps;
        private int next = 1;

        GridSampler(double[][] out, double h, int steps) {
            this.out = out;
            this.h = h;
            this.steps = steps;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            double end = interpolator.getCurrentState().getTime();
            double slack = 1e-12 * Math.max(1.0, Math.abs(end));
            while (next <= steps && next * h <= end + slack) {
                out[next] = interpolator.getInterpolatedState(next * h).getPrimaryState();
                next++;
            }
        }
    }
}
