package org.momentumlab.experiment.saddle;

import java.util.SplittableRandom;
import org.momentumlab.flow.JacobiEigen;
import org.momentumlab.flow.Sharpness;
import org.momentumlab.model.ComponentObjective;
import org.momentumlab.model.PhaseRetrieval;
import org.momentumlab.model.SaddleObjective;
import org.momentumlab.util.GaussianSource;
import org.momentumlab.util.Seeds;

/**
 * One seed's instance of a saddle-escape spec: the objective, the start w₀, the saddle c it starts
 * next to, the escape direction v (the unit eigenvector of the smallest eigenvalue of ∇²f(c)), and
 * the escape test.
 *
 *
 * <p>Saddle (3): w₀ = 0, c the stationary point Newton's method reaches from 0 (≈ −H⁻¹b̄), escaped
 * when f(w_t) ≤ f_ref − ε. Phase retrieval (4): c = 0 (an exact stationary point), w₀ ~ N(0, s/d·I)
 * from stream {@code model/init}, escaped when dist(w_t) ≤ δ.
 */
final class SaddleProblem {
    final ComponentObjective objective;
    final double[] start;
    final double[] center;
    final double[] direction;
    final double minCurvature;
    final double reference;
    private final PhaseRetrieval retrieval;
    private final double lossDrop;
    private final double distance;

    SaddleProblem(SaddleEscapeSpec s, long seed) {
        long instanceSeed = s.instance() == SaddleEscapeSpec.Instance.SHARED ? s.instanceSeed() : seed;
        SplittableRandom data = Seeds.stream(instanceSeed, "data/instance");
        if (s.objective() == SaddleEscapeSpec.Problem.SADDLE) {
            double[] h = s.saddle().curvatures().stream().mapToDouble(Double::doubleValue).toArray();
            double[] var = s.saddle().variances().stream().mapToDouble(Double::doubleValue).toArray();
            SaddleObjective f = SaddleObjective.sample(h, var, s.saddle().components(), data);
            if (s.saddle().centered()) {
                f = f.centered();
            }
            objective = f;
            retrieval = null;
            start = new double[h.length];
            center = f.stationaryPoint(start);
        } else {
            int d = s.phaseRetrieval().dimension();
            retrieval = PhaseRetrieval.sample(d, s.phaseRetrieval().measurements(), data);
            objective = retrieval;
            GaussianSource g = new GaussianSource(Seeds.stream(seed, "model/init"));
            start = new double[d];
            double sd = Math.sqrt(s.phaseRetrieval().startVariance() / d);
            for (int j = 0; j < d; j++) {
                start[j] = sd * g.next();
            }
            center = new double[d];
        }
        Sharpness.Result low = smallestEigen(objective, center);
        minCurvature = low.eigenvalue();
        direction = low.eigenvector();
        lossDrop = s.escape().lossDrop();
        distance = s.escape().distance();
        reference = s.escape().reference() == SaddleEscapeSpec.Reference.SADDLE ? objective.value(center) : objective.value(start);
    }

    /** Dimensions up to which the smallest eigenvalue comes from the dense Hessian (d Hessian-vector products). */
    static final int DENSE_MAX = 64;

    /**
     * The smallest eigenvalue of ∇²f(w) and its unit eigenvector: from the dense Hessian and
     * {@link JacobiEigen} up to {@link #DENSE_MAX} dimensions, beyond by Lanczos on −∇²f (the
     * sharpness probe's method).
     */
    static Sharpness.Result smallestEigen(ComponentObjective objective, double[] w) {
        int d = w.length;
        if (d > DENSE_MAX) {
            double[] at = w.clone();
            Sharpness.Result r = new Sharpness(1e-10, 200, 0).top(d, (v, o) -> {
                objective.hessianVectorProduct(at, v, o);
                for (int j = 0; j < o.length; j++) {
                    o[j] = -o[j];
                }
            });
            return new Sharpness.Result(-r.eigenvalue(), r.eigenvector(), r.residual(), r.iterations(), r.converged());
        }
        double[][] hess = new double[d][d];
        objective.hessian(w, hess);
        JacobiEigen eig = JacobiEigen.of(hess);
        int min = eig.smallest();
        return new Sharpness.Result(eig.values()[min], eig.vectors()[min], 0, d, true);
    }

    /** Whether {@code w} has escaped: f(w) ≤ f_ref − ε (saddle), dist(w) ≤ δ (phase retrieval). */
    boolean escaped(double[] w) {
        return retrieval == null ? objective.value(w) <= reference - lossDrop : retrieval.distance(w) <= distance;
    }

    /** dist(w) for phase retrieval, NaN for the saddle. */
    double recovery(double[] w) {
        return retrieval == null ? Double.NaN : retrieval.distance(w);
    }

    /** ‖w − c‖². */
    double distanceToCenter2(double[] w) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            double x = w[j] - center[j];
            s += x * x;
        }
        return s;
    }

    /**
     * The CNC correlation of the paper at {@code w}: the mean over components of ⟨∇f_i(w), v⟩² and
     * its share of the mean ‖∇f_i(w)‖² ({cnc, fraction}).
     */
    double[] cnc(double[] w, double[] scratch) {
        int n = objective.exampleCount();
        double along = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            objective.componentValueAndGradient(i, w, scratch);
            double p = 0;
            double q = 0;
            for (int j = 0; j < scratch.length; j++) {
                p += scratch[j] * direction[j];
                q += scratch[j] * scratch[j];
            }
            along += p * p;
            total += q;
        }
        return new double[] {along / n, total == 0 ? 0 : along / total};
    }
}
