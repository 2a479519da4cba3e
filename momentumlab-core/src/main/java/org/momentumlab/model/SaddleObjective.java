package org.momentumlab.model;

import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;

/**
 * Objective (3) of Wang, Lin &amp; Abernethy, "Escaping saddle points faster with stochastic
 * momentum" (ICLR 2020): f(w) = (1/n) Σ_i [ ½ wᵀHw + b_iᵀw + Σ_j w_j^10 ] with H diagonal. With
 * H = diag(1, −0.1) and small b_i the origin is close to a strict saddle (curvature −0.1 along e₂),
 * and the minima sit where the tenth powers take over: h_j w_j + b̄_j + 10 w_j^9 = 0.
 *
 * <p>∇f_i(w) = Hw + b_i + 10 w^9 (entrywise power); ∇²f(w) = H + diag(90 w^8).
 */
public final class SaddleObjective extends ComponentObjective {
    private final double[] h;
    private final double[][] b;
    private final double[] bMean;

    /** @param hDiagonal the diagonal of H; @param b the vectors b_i (not copied) */
    public SaddleObjective(double[] hDiagonal, double[][] b) {
        super(hDiagonal.length);
        if (b.length == 0) {
            throw new IllegalArgumentException("n = 0 components: need at least one b_i");
        }
        for (double[] bi : b) {
            if (bi.length != hDiagonal.length) {
                throw new IllegalArgumentException("b_i has length " + bi.length + ", H has dimension " + hDiagonal.length);
            }
        }
        this.h = hDiagonal.clone();
        this.b = b;
        this.bMean = new double[h.length];
        for (double[] bi : b) {
            for (int j = 0; j < h.length; j++) {
                bMean[j] += bi[j];
            }
        }
        for (int j = 0; j < h.length; j++) {
            bMean[j] /= b.length;
        }
    }

    /** The same objective with b_i − b̄ in place of b_i (mean zero: the origin is then an exact stationary point). */
    public SaddleObjective centered() {
        double[][] c = new double[b.length][h.length];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < h.length; j++) {
                c[i][j] = b[i][j] - bMean[j];
            }
        }
        return new SaddleObjective(h, c);
    }

    /**
     * f(w) = ½wᵀHw + b̄ᵀw + Σ_j w_j^10 with b̄ the mean of the b_i, in O(d) (equal to the mean of
     * the components up to rounding).
     */
    @Override
    public double value(double[] w) {
        double v = 0;
        for (int j = 0; j < h.length; j++) {
            double x = w[j];
            double x2 = x * x;
            double x4 = x2 * x2;
            v += 0.5 * h[j] * x2 + bMean[j] * x + x4 * x4 * x2;
        }
        return v;
    }

    /**
     * The stationary point of f reached by Newton's method from {@code start}, coordinate by
     * coordinate (f is separable: h_j x + b̄_j + 10x⁹ = 0); from w₀ = 0 with small b_i it is the
     * saddle near the origin, w_j ≈ −b̄_j/h_j.
     */
    public double[] stationaryPoint(double[] start) {
        double[] w = start.clone();
        for (int j = 0; j < h.length; j++) {
            double x = w[j];
            for (int it = 0; it < 200; it++) {
                double x8 = Math.pow(x, 8);
                double step = (h[j] * x + bMean[j] + 10 * x8 * x) / (h[j] + 90 * x8);
                x -= step;
                if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) {
                    break;
                }
            }
            w[j] = x;
        }
        return w;
    }

    /** n vectors b_i ~ N(0, diag(variances)) drawn from {@code rng}. */
    public static SaddleObjective sample(double[] hDiagonal, double[] variances, int n, SplittableRandom rng) {
        GaussianSource g = new GaussianSource(rng);
        double[][] b = new double[n][hDiagonal.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < hDiagonal.length; j++) {
                b[i][j] = Math.sqrt(variances[j]) * g.next();
            }
        }
        return new SaddleObjective(hDiagonal, b);
    }

    @Override
    public int dimension() {
        return h.length;
    }

    @Override
    public int exampleCount() {
        return b.length;
    }

    /** The diagonal of H. */
    public double[] curvatures() {
        return h.clone();
    }

    @Override
    protected double addComponent(int i, double[] w, double[] gradAcc) {
        double[] bi = b[i];
        double v = 0;
        for (int j = 0; j < h.length; j++) {
            double x = w[j];
            double x2 = x * x;
            double x4 = x2 * x2;
            double x8 = x4 * x4;
            v += 0.5 * h[j] * x2 + bi[j] * x + x8 * x2;
            gradAcc[j] += h[j] * x + bi[j] + 10 * x8 * x;
        }
        return v;
    }

    /** ∇²f(w) = H + diag(90 w^8), diagonal. */
    @Override
    public void hessian(double[] w, double[][] out) {
        for (int j = 0; j < h.length; j++) {
            java.util.Arrays.fill(out[j], 0.0);
            double x2 = w[j] * w[j];
            double x4 = x2 * x2;
            out[j][j] = h[j] + 90 * x4 * x4;
        }
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        for (int j = 0; j < h.length; j++) {
            double x2 = w[j] * w[j];
            double x4 = x2 * x2;
            out[j] = (h[j] + 90 * x4 * x4) * v[j];
        }
    }
}
