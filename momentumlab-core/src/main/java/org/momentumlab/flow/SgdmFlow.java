package org.momentumlab.flow;

import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.momentumlab.util.Check;

/**
 * SGD with heavy-ball momentum on mini-batch losses E_k and its piecewise modified flow (Ghosh, Lyu,
 * Zhang &amp; Wang, "Implicit regularization in heavy-ball momentum accelerated SGD", ICLR 2023;
 * REFERENCE.md §2, "SGD+M").
 *
 * <p><b>Iterates.</b> x_{k+1} = x_k − h∇E_k(x_k) + β(x_k − x_{k−1}), x_1 = x_0 − h∇E_0(x_0) (that is
 * x_{−1} = x_0; run through {@link Optimizers#heavyBall}, the trainer's code), compared at t_k = kh.
 *
 * <p><b>Flow.</b> On t_k ≤ t &lt; t_{k+1}, with G_k = Σ_{r≤k} β^{k−r} E_r,
 * <pre>
 *   x' = −∇[ G_k + (h/4)( ‖∇G_k‖² + 2 Σ_{r&lt;k} β^{k−r} ‖∇G_r‖² ) ]
 *      = −( ∇G_k + (h/2) H_{G_k}∇G_k + h Σ_{s&lt;k} β^{k−s} H_{G_s}∇G_s ),
 * </pre>
 * everything evaluated at the current x (H_{G_s} = Σ_{r≤s} β^{s−r}∇²E_r). Swapping the sums,
 * the Hessian part is h Σ_{r≤k} β^{k−r} ∇²E_r(x)·S_r with S_r = ½∇G_k + Σ_{s=r}^{k−1} ∇G_s, so one
 * evaluation costs k+1 batch gradients and k+1 Hessian-vector products (the whole batch history is
 * kept; no truncation). {@link #firstOrder} drops the h-terms: x' = −∇G_k.
 *
 * <p><b>Why this is the right flow (consistency to O(h³) per step).</b> Unrolling the recursion,
 * x_{k+1} − x_k = −h Σ_{r≤k} β^{k−r}∇E_r(x_r). With x_k − x_r = −h Σ_{s=r}^{k−1}∇G_s + O(h²),
 * ∇E_r(x_r) = ∇E_r(x_k) + h∇²E_r Σ_{s=r}^{k−1}∇G_s + O(h²(k−r)²), so the step is
 * −h∇G_k − h²Σ_{s&lt;k}β^{k−s}H_{G_s}∇G_s + O(h³) (the β^{k−r}(k−r)² weights are summable). The flow
 * over [t_k, t_{k+1}] moves hF + (h²/2)F'F + O(h³) = −h∇G_k − (h²/2)H_{G_k}∇G_k
 * − h²Σ_{s&lt;k}β^{k−s}H_{G_s}∇G_s + (h²/2)H_{G_k}∇G_k + O(h³): the same. The errors e_k then obey
 * e_{k+1} − e_k = β(e_k − e_{k−1}) + O(h·e) + O(h³), so over K = T/h steps e = O(h²).
 *
 * <p><b>No start correction.</b> Unlike the averaged flow x' = −∇E/(1−β) (see {@link FlowStart}),
 * this flow carries the momentum build-up itself: G_0 = E_0 and, for a single loss E,
 * G_k = (1−β^{k+1})E/(1−β), exactly the displacement factor of heavy ball started with
 * x_{−1} = x_0. The k = 0 segment reproduces x_1 = x_0 − h∇E_0(x_0) to O(h³). So the flow starts at
 * x(0) = x_0, and the measured order against it is 2 (see {@code SgdmFlowTest}).
 *
 * <p><b>Measured</b> (LogisticBatches.small(11), x_0 = (0.5, −0.3, 0.8, 0.1, −0.6), T = 2,
 * h = 0.2(1−β)/2^i, i = 0..4): slopes 2.22 / 2.04 / 1.78 for β = 0 / 0.5 / 0.9 against this flow, and
 * 1.11 / 1.04 / 0.99 against x' = −∇G_k. For β = 0.9 the pairwise slopes are 1.51, 1.68, 1.90, 2.03:
 * preasymptotic (the expansion is in h/(1−β)² and history length 1/(1−β)), approaching 2.
 *
 * <p>Not thread-safe (scratch buffers).
 */
public final class SgdmFlow {
    private final BatchSequence batches;
    private final double h;
    private final double beta;
    private final boolean regularized;
    private final int n;
    private double[][] g = new double[0][];
    private double[][] gk = new double[0][];
    private final double[] s;
    private final double[] hv;
    private final double[] acc;

    private SgdmFlow(BatchSequence batches, double h, double beta, boolean regularized) {
        if (batches == null) {
            throw new IllegalArgumentException("batches = null is not allowed");
        }
        this.batches = batches;
        this.h = Check.positive("h", h);
        this.beta = Check.halfOpen("beta", beta, 0, 1);
        this.regularized = regularized;
        this.n = batches.dimension();
        this.s = new double[n];
        this.hv = new double[n];
        this.acc = new double[n];
    }

    /** The O(h²) flow of Ghosh et al. for step h and momentum β. */
    public static SgdmFlow modified(BatchSequence batches, double h, double beta) {
        return new SgdmFlow(batches, h, beta, true);
    }

    /** The O(h) flow x' = −∇G_k on [t_k, t_{k+1}). */
    public static SgdmFlow firstOrder(BatchSequence batches, double h, double beta) {
        return new SgdmFlow(batches, h, beta, false);
    }

    public double h() {
        return h;
    }

    public double beta() {
        return beta;
    }

    public boolean regularized() {
        return regularized;
    }

    /**
     * The bracket B_k(x) = G_k(x) + (h/4)(‖∇G_k‖² + 2Σ_{r&lt;k}β^{k−r}‖∇G_r‖²) (just G_k for
     * {@link #firstOrder}), whose negative gradient is the flow on segment k.
     */
    public double bracket(int k, double[] x) {
        Check.atLeast("k", k, 0);
        double[] grad = new double[n];
        double[] gr = new double[n];
        double value = 0;
        double penalty = 0;
        for (int r = 0; r <= k; r++) {
            double e = batches.valueAndGradient(r, x, gr);
            value = beta * value + e;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                grad[i] = beta * grad[i] + gr[i];
                sq += grad[i] * grad[i];
            }
            // penalty_k = Σ_{r<k} β^{k−r}‖∇G_r‖² = β(penalty_{k−1} + ‖∇G_{k−1}‖²); the last sq is ‖∇G_k‖²
            if (r < k) {
                penalty = beta * (penalty + sq);
            } else if (regularized) {
                return value + 0.25 * h * (sq + 2 * penalty);
            }
        }
        return value;
    }

    /**
     * Writes the flow's velocity on segment k at x into {@code out}.
     *
     * @param k segment index ≥ 0 (t_k ≤ t &lt; t_{k+1})
     */
    public void derivative(int k, double[] x, double[] out) {
        Check.atLeast("k", k, 0);
        if (x.length != n || out.length != n) {
            throw new IllegalArgumentException("x.length = " + x.length + ", out.length = " + out.length
                    + ": must both be " + n);
        }
        ensure(k + 1);
        for (int r = 0; r <= k; r++) {
            batches.valueAndGradient(r, x, g[r]);
            for (int i = 0; i < n; i++) {
                gk[r][i] = (r == 0 ? 0.0 : beta * gk[r - 1][i]) + g[r][i];
            }
        }
        double[] gradGk = gk[k];
        if (!regularized) {
            for (int i = 0; i < n; i++) {
                out[i] = -gradGk[i];
            }
            return;
        }
        java.util.Arrays.fill(acc, 0.0);
        for (int i = 0; i < n; i++) {
            s[i] = 0.5 * gradGk[i];
        }
        double w = 1.0;
        for (int r = k; r >= 0; r--) {
            if (r < k) {
                w *= beta;
                for (int i = 0; i < n; i++) {
                    s[i] += gk[r][i];
                }
            }
            if (w == 0.0) {
                break;
            }
            batches.hessianVectorProduct(r, x, s, hv);
            for (int i = 0; i < n; i++) {
                acc[i] += w * hv[i];
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = -(gradGk[i] + h * acc[i]);
        }
    }

    private void ensure(int rows) {
        if (g.length < rows) {
            int m = Math.max(rows, 2 * g.length);
            g = new double[m][n];
            gk = new double[m][n];
        }
    }

    /** The autonomous ODE of segment k (valid on t_k ≤ t &lt; t_{k+1}). */
    public OrdinaryDifferentialEquation segment(int k) {
        Check.atLeast("k", k, 0);
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] out = new double[n];
                derivative(k, y, out);
                return out;
            }
        };
    }

    /**
     * The piecewise flow at t_k = kh, k = 0..steps, each segment solved by {@code integrator} from the
     * previous segment's end point.
     *
     * @param x0 x(0), not modified
     * @return a fresh (steps+1) × n array
     */
    public double[][] solveOnGrid(double[] x0, int steps, FlowIntegrator integrator) {
        Check.atLeast("steps", steps, 0);
        if (x0 == null || x0.length != n) {
            throw new IllegalArgumentException("x0 must have length " + n);
        }
        double[][] out = new double[steps + 1][];
        out[0] = x0.clone();
        for (int k = 0; k < steps; k++) {
            out[k + 1] = integrator.solveOnGrid(segment(k), out[k], h, 1)[1];
        }
        return out;
    }

    /** SGD+M iterates x_0..x_K (x_{−1} = x_0), a fresh (steps+1) × n array. */
    public static double[][] iterates(BatchSequence batches, double[] x0, double h, double beta, int steps) {
        Check.positive("h", h);
        Check.halfOpen("beta", beta, 0, 1);
        Check.atLeast("steps", steps, 0);
        Stepper stepper = Optimizers.heavyBall(Schedule.constant(h), beta).start(batches.dimension());
        double[] theta = x0.clone();
        double[] grad = new double[theta.length];
        double[][] out = new double[steps + 1][];
        out[0] = theta.clone();
        for (int k = 0; k < steps; k++) {
            batches.valueAndGradient(k, stepper.evaluationPoint(theta), grad);
            stepper.step(theta, grad);
            out[k + 1] = theta.clone();
        }
        return out;
    }

    /** max_k ‖x_k − x(t_k)‖ over k = 0..T/h, flow started at x(0) = x_0. */
    public static double globalError(BatchSequence batches, double[] x0, double h, double beta, double horizon,
                                     boolean regularized, FlowIntegrator integrator) {
        int steps = OrderCheck.stepCount(horizon, h);
        SgdmFlow flow = new SgdmFlow(batches, h, beta, regularized);
        return TrajectoryComparison.deviation(iterates(batches, x0, h, beta, steps),
                flow.solveOnGrid(x0, steps, integrator)).max();
    }

    /**
     * Global error over [0, T] for each h (same batch sequence in k) and the log-log slope; see
     * {@link OrderCheck}.
     */
    public static OrderCheck.Result orderCheck(BatchSequence batches, double[] x0, double beta, double horizon,
                                               double[] stepSizes, boolean regularized, FlowIntegrator integrator) {
        if (stepSizes == null || stepSizes.length < 2) {
            throw new IllegalArgumentException("stepSizes needs at least 2 entries");
        }
        double[] errors = new double[stepSizes.length];
        for (int i = 0; i < stepSizes.length; i++) {
            errors[i] = globalError(batches, x0, stepSizes[i], beta, horizon, regularized, integrator);
        }
        return new OrderCheck.Result(stepSizes.clone(), errors, OrderCheck.logLogSlope(stepSizes, errors));
    }
}
