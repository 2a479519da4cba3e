package org.momentumlab.flow;

import java.util.SplittableRandom;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.momentumlab.model.Objective;
import org.momentumlab.util.Check;

/**
 * Sharpness: the largest (algebraic) eigenvalue of the Hessian H(x), by the Lanczos method on
 * Hessian-vector products with full re-orthogonalization (as in PyHessian and the edge-of-stability
 * literature, where GD with step η is stable only while the sharpness is below 2/η).
 *
 * <p>From a unit start vector q₁ drawn from {@code seed}, Lanczos builds the tridiagonal
 * T_m = Q_mᵀHQ_m; its largest eigenvalue θ with eigenvector s is the Ritz value, with residual
 * ‖Hv − θv‖ = β_m|s_m| for v = Q_m s. It stops when that residual is at most
 * {@code tolerance}·max(|θ|, 1e-300), when the Krylov space is invariant (β_m ≈ 0, exact), when
 * m = n, or after {@code maxIterations}. Memory: m vectors of length n. Immutable; each call is
 * deterministic for the seed.
 */
public final class Sharpness {
    private final double tolerance;
    private final int maxIterations;
    private final long seed;

    /** A symmetric linear map v ↦ out = Av of dimension n. */
    @FunctionalInterface
    public interface SymmetricOperator {
        /** Writes A·v into out; v is not modified. */
        void apply(double[] v, double[] out);
    }

    /**
     * @param eigenvalue    the Ritz value θ
     * @param eigenvector   the unit Ritz vector v
     * @param residual      ‖Av − θv‖ as estimated by Lanczos
     * @param iterations    the Krylov dimension m used
     * @param converged     whether the residual test (or an invariant subspace, or m = n) ended the run
     */
    public record Result(double eigenvalue, double[] eigenvector, double residual, int iterations, boolean converged) {
    }

    /**
     * @param tolerance     relative residual tolerance &gt; 0
     * @param maxIterations cap on the Krylov dimension, ≥ 1
     * @param seed          seed of the start vector
     */
    public Sharpness(double tolerance, int maxIterations, long seed) {
        this.tolerance = Check.positive("tolerance", tolerance);
        this.maxIterations = Check.atLeast("maxIterations", maxIterations, 1);
        this.seed = seed;
    }

    /** The top eigenvalue of the objective's Hessian at x (not modified). */
    public Result top(Objective objective, double[] x) {
        if (x.length != objective.dimension()) {
            throw new IllegalArgumentException("x.length = " + x.length + " does not match the objective's dimension " + objective.dimension());
        }
        double[] point = x.clone();
        return top(objective.dimension(), (v, out) -> objective.hessianVectorProduct(point, v, out));
    }

    /** The largest eigenvalue of the symmetric operator of dimension n. */
    public Result top(int n, SymmetricOperator operator) {
        Check.atLeast("n", n, 1);
        int cap = Math.min(n, maxIterations);
        double[][] q = new double[cap][];
        double[] alpha = new double[cap];
        double[] beta = new double[cap];
        double[] v = startVector(n);
        double[] w = new double[n];
        double theta = 0;
        double[] ritz = null;
        double residual = Double.POSITIVE_INFINITY;
        int m = 0;
        boolean converged = false;
        while (m < cap) {
            q[m] = v;
            operator.apply(v, w);
            alpha[m] = dot(v, w);
            axpy(-alpha[m], v, w);
            if (m > 0) {
                axpy(-beta[m - 1], q[m - 1], w);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= m; i++) {
                    axpy(-dot(q[i], w), q[i], w);
                }
            }
            beta[m] = Math.sqrt(dot(w, w));
            m++;
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(
                    java.util.Arrays.copyOf(alpha, m), java.util.Arrays.copyOf(beta, m - 1));
            double[] values = eig.getEigenvalues();
            int best = 0;
            for (int i = 1; i < m; i++) {
                if (values[i] > values[best]) {
                    best = i;
                }
            }
            theta = values[best];
            ritz = eig.getEigenvector(best).toArray();
            residual = Math.abs(beta[m - 1] * ritz[m - 1]);
            double scale = Math.max(Math.abs(theta), 1e-300);
            double breakdown = 1e-13 * Math.max(maxAbs(alpha, m), maxAbs(beta, m - 1));
            if (residual <= tolerance * scale || beta[m - 1] <= breakdown || m == n) {
                converged = true;
                break;
            }
            v = w.clone();
            scale(1.0 / beta[m - 1], v);
        }
        double[] vec = new double[n];
        for (int j = 0; j < m; j++) {
            axpy(ritz[j], q[j], vec);
        }
        scale(1.0 / Math.sqrt(dot(vec, vec)), vec);
        return new Result(theta, vec, residual, m, converged);
    }

    private double[] startVector(int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        double s;
        do {
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble() - 0.5;
            }
            s = dot(v, v);
        } while (s == 0);
        scale(1.0 / Math.sqrt(s), v);
        return v;
    }

    private static double maxAbs(double[] a, int len) {
        double m = 0;
        for (int i = 0; i < len; i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}
