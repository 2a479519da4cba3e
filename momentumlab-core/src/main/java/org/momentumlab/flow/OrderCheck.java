package org.momentumlab.flow;

import org.momentumlab.model.Objective;
import org.momentumlab.util.Check;

/**
 * Order of accuracy of a modified flow, Hipparchus-style: fix the horizon T, run heavy ball with a
 * list of steps h (typically halving), measure the global error max_{t₀ ≤ kh ≤ T} ‖x_k − x(kh)‖ against
 * the flow for each h ({@link TrajectoryComparison}), and fit the least-squares slope p of
 * log(error) = p·log(h) + const. A flow of order r gives p ≈ r in the asymptotic regime.
 *
 * <p>The burn-in time t₀ ≥ 0: even from the {@link FlowStart#CORRECTED corrected start}, the first
 * ~1/(1−β) iterates differ from the flow by O(h)·β^k while heavy ball builds up its velocity
 * (at k = 0 by the shift itself). For a fixed t₀ &gt; 0 that transient is β^{t₀/h}·O(h), which vanishes
 * faster than any power of h, so the measured order is the flow's. t₀ = 0 measures every iterate.
 */
public final class OrderCheck {
    private OrderCheck() {
    }

    /**
     * @param steps  the step sizes h
     * @param errors the global error for each h
     * @param slope  the least-squares slope of log(error) against log(h)
     */
    public record Result(double[] steps, double[] errors, double slope) {
    }

    /**
     * @param horizon   T &gt; 0; each T/h must be an integer (to 1e-9 relative)
     * @param burnIn    t₀ in [0, T): the error is the maximum over the grid times kh ≥ t₀
     * @param stepSizes at least two distinct steps h &gt; 0
     */
    public static Result run(Objective objective, double[] x0, double beta, double horizon, double burnIn,
                             double[] stepSizes, FlowOrder order, FlowStart start, FlowIntegrator integrator) {
        Check.positive("horizon", horizon);
        if (!(burnIn >= 0 && burnIn < horizon)) {
            throw new IllegalArgumentException("burnIn = " + burnIn + " is out of range: must be in [0, " + horizon + ")");
        }
        if (stepSizes == null || stepSizes.length < 2) {
            throw new IllegalArgumentException("stepSizes needs at least 2 entries, got "
                    + (stepSizes == null ? "null" : stepSizes.length));
        }
        double[] errors = new double[stepSizes.length];
        for (int i = 0; i < stepSizes.length; i++) {
            double h = Check.positive("stepSizes[" + i + "]", stepSizes[i]);
            int from = (int) Math.ceil(burnIn / h - 1e-9);
            errors[i] = TrajectoryComparison.compare(objective, x0, h, beta, stepCount(horizon, h),
                    order, start, integrator).maxFrom(from);
        }
        return new Result(stepSizes.clone(), errors, logLogSlope(stepSizes, errors));
    }

    /** K = T/h, which must be an integer to 1e-9 relative. */
    public static int stepCount(double horizon, double h) {
        double k = horizon / h;
        long r = Math.round(k);
        if (r < 1 || Math.abs(k - r) > 1e-9 * k || r > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("horizon / h = " + horizon + " / " + h + " = " + k
                    + " is not allowed: must be a positive integer");
        }
        return (int) r;
    }

    /** The least-squares slope of log(y) against log(x); all entries must be positive. */
    public static double logLogSlope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("x.length = " + x.length + ", y.length = " + y.length
                    + ": need equal lengths of at least 2");
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            Check.positive("x[" + i + "]", x[i]);
            Check.positive("y[" + i + "]", y[i]);
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x has no spread: all entries are equal");
        }
        return sxy / sxx;
    }
}
