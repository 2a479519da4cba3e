package org.momentumlab.flow;

import org.momentumlab.model.Objective;
import org.momentumlab.util.Check;

/**
 * The second-order modified flow of heavy ball (Ghosh, Lyu, Zhang &amp; Wang, ICLR 2023):
 * <pre>
 *   x' = −(1/(1−β)) ∇( E(x) + c‖∇E(x)‖² ),   c = h(1+β) / (4(1−β)²),
 *      = −(1/(1−β)) ( ∇E + 2c·H(x)∇E ),
 * </pre>
 * using ∇(‖∇E‖²) = 2H∇E, evaluated with the objective's Hessian-vector product. The heavy-ball
 * iterates stay O(h²) close to x(kh) on a fixed horizon when the flow starts at
 * {@link FlowStart#CORRECTED}. For β = 0 ({@link #igr}) it is Barrett &amp; Dherin's implicit gradient
 * regularization flow x' = −∇(E + (h/4)‖∇E‖²) of gradient descent.
 *
 * <p>Check of the coefficient on E = ½λx²: the dominant root of r² − (1+β−hλ)r + β = 0 is
 * r = 1 − hλ/(1−β) − h²βλ²/(1−β)³ + O(h³), and log(r)/h = −λ/(1−β) − hλ²(1+β)/(2(1−β)³) + O(h²),
 * which is the rate of this flow.
 */
public final class ModifiedMomentumFlow extends ObjectiveFlow {
    private final double h;
    private final double beta;
    private final double c;
    private final double[] grad;
    private final double[] hg;

    /**
     * @param h    the heavy-ball step h &gt; 0
     * @param beta β in [0, 1)
     */
    public ModifiedMomentumFlow(Objective objective, double h, double beta) {
        super(objective);
        this.h = Check.positive("h", h);
        this.beta = Check.halfOpen("beta", beta, 0, 1);
        double q = 1.0 - beta;
        this.c = h * (1.0 + beta) / (4.0 * q * q);
        this.grad = new double[objective.dimension()];
        this.hg = new double[objective.dimension()];
    }

    /** Barrett &amp; Dherin's IGR flow of gradient descent with step h: x' = −∇(E + (h/4)‖∇E‖²). */
    public static ModifiedMomentumFlow igr(Objective objective, double h) {
        return new ModifiedMomentumFlow(objective, h, 0.0);
    }

    public double h() {
        return h;
    }

    public double beta() {
        return beta;
    }

    /** The regularizer's coefficient c = h(1+β)/(4(1−β)²). */
    public double coefficient() {
        return c;
    }

    @Override
    public void derivative(double[] x, double[] out) {
        requireLength("x", x);
        requireLength("out", out);
        objective().valueAndGradient(x, grad);
        objective().hessianVectorProduct(x, grad, hg);
        double s = -1.0 / (1.0 - beta);
        double twoC = 2.0 * c;
        for (int i = 0; i < out.length; i++) {
            out[i] = s * (grad[i] + twoC * hg[i]);
        }
    }
}
