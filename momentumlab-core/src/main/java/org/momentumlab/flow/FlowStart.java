package org.momentumlab.flow;

import org.momentumlab.model.Objective;
import org.momentumlab.util.Check;

/**
 * Where the flow starts when it is compared with heavy-ball iterates started at x_0 with
 * x_{−1} = x_0.
 *
 * <p><b>Why a correction.</b> Heavy ball is a two-step method; its errors e_k = x_k − y(kh) against a
 * smooth trajectory y obey, up to O(h·e) and the local truncation error,
 * e_{k+1} − βe_k = e_k − βe_{k−1}, so the part along the root 1 is conserved and the part along the
 * root β dies out within ~1/(1−β) steps, leaving e_∞ = (e_0 − βe_{−1})/(1−β). A flow through y(0) = y_0
 * has y(−h) = y_0 + h∇E(x_0)/(1−β) + O(h²), so with x_{−1} = x_0:
 * e_0 = x_0 − y_0 and e_{−1} = x_0 − y_0 − h∇E(x_0)/(1−β) + O(h²), hence
 * e_∞ = x_0 − y_0 + hβ∇E(x_0)/(1−β)² + O(h²). Equivalently: with a constant gradient g the
 * displacements are −hg(1−β^{k+1})/(1−β), and the missing Σ_k β^{k+1} = β/(1−β) of them lag the
 * built-up motion by hβg/(1−β)². Setting e_∞ = 0 gives the corrected start
 * <pre>
 *   y_0 = x_0 + h·β/(1−β)²·∇E(x_0),
 * </pre>
 * accurate to O(h²), which is what the O(h²) flow needs. The naive start y_0 = x_0 leaves an O(h)
 * offset (for β &gt; 0), so against the O(h²) flow the error is only first order. On E = ½λx² the
 * exact split x_k = A r₁^k + B r₂^k gives A = x_0(1 − hλ/(1−β)²)/(1 − hλ(1+β)/(1−β)²)
 * = x_0(1 + hλβ/(1−β)² + O(h²)), the same shift. For β = 0 both starts coincide.
 */
public enum FlowStart {
    /** y_0 = x_0. */
    NAIVE {
        @Override
        public double[] initialPoint(Objective objective, double[] x0, double h, double beta) {
            validate(objective, x0, h, beta);
            return x0.clone();
        }
    },
    /** y_0 = x_0 + h·β/(1−β)²·∇E(x_0). */
    CORRECTED {
        @Override
        public double[] initialPoint(Objective objective, double[] x0, double h, double beta) {
            validate(objective, x0, h, beta);
            double[] g = new double[x0.length];
            objective.valueAndGradient(x0, g);
            double q = 1.0 - beta;
            double s = h * beta / (q * q);
            double[] y0 = new double[x0.length];
            for (int i = 0; i < y0.length; i++) {
                y0[i] = x0[i] + s * g[i];
            }
            return y0;
        }
    };

    /**
     * The flow's initial point for heavy ball with step h and momentum β started at x_0 (not modified);
     * a fresh array.
     */
    public abstract double[] initialPoint(Objective objective, double[] x0, double h, double beta);

    static void validate(Objective objective, double[] x0, double h, double beta) {
        if (objective == null) {
            throw new IllegalArgumentException("objective = null is not allowed");
        }
        if (x0 == null || x0.length != objective.dimension()) {
            throw new IllegalArgumentException("x0.length = " + (x0 == null ? "null" : x0.length)
                    + " does not match the objective's dimension " + objective.dimension());
        }
        Check.positive("h", h);
        Check.halfOpen("beta", beta, 0, 1);
    }
}
