package org.momentumlab.model;

import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;

/**
 * Objective (4) of Wang, Lin &amp; Abernethy (ICLR 2020), phase retrieval: f(w) = (1/n) Σ_i
 * ((a_iᵀw)² − y_i)² with y_i = (a_iᵀw*)². Its global minima are ±w*; the origin is a strict saddle
 * (∇²f(0) = −(4/n) Σ y_i a_i a_iᵀ).
 *
 * <p>∇f_i(w) = 4((a_iᵀw)² − y_i)(a_iᵀw) a_i; ∇²f_i(w)·v = 4(3(a_iᵀw)² − y_i)(a_iᵀv) a_i.
 */
public final class PhaseRetrieval extends ComponentObjective {
    private final double[][] a;
    private final double[] y;
    private final double[] wStar;

    /** @param a the measurement vectors a_i (not copied); @param wStar the signal (y_i = (a_iᵀw*)²) */
    public PhaseRetrieval(double[][] a, double[] wStar) {
        super(wStar.length);
        if (a.length == 0) {
            throw new IllegalArgumentException("n = 0 measurements: need at least one a_i");
        }
        this.a = a;
        this.wStar = wStar.clone();
        this.y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != wStar.length) {
                throw new IllegalArgumentException("a_i has length " + a[i].length + ", w* has dimension " + wStar.length);
            }
            double s = dot(a[i], wStar);
            y[i] = s * s;
        }
    }

    /** w* ~ N(0, I/d) and a_i ~ N(0, I), i = 1..n, drawn from {@code rng} (w* first). */
    public static PhaseRetrieval sample(int d, int n, SplittableRandom rng) {
        GaussianSource g = new GaussianSource(rng);
        double[] ws = new double[d];
        for (int j = 0; j < d; j++) {
            ws[j] = g.next() / Math.sqrt(d);
        }
        double[][] a = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = g.next();
            }
        }
        return new PhaseRetrieval(a, ws);
    }

    @Override
    public int dimension() {
        return wStar.length;
    }

    @Override
    public int exampleCount() {
        return a.length;
    }

    /** The signal w*. */
    public double[] signal() {
        return wStar.clone();
    }

    /** dist(w) = min(‖w − w*‖, ‖w + w*‖)/‖w*‖ (w is recovered up to its sign). */
    public double distance(double[] w) {
        double minus = 0;
        double plus = 0;
        double norm = 0;
        for (int j = 0; j < w.length; j++) {
            minus += (w[j] - wStar[j]) * (w[j] - wStar[j]);
            plus += (w[j] + wStar[j]) * (w[j] + wStar[j]);
            norm += wStar[j] * wStar[j];
        }
        return Math.sqrt(Math.min(minus, plus) / norm);
    }

    @Override
    protected double addComponent(int i, double[] w, double[] gradAcc) {
        double[] ai = a[i];
        double s = dot(ai, w);
        double r = s * s - y[i];
        double c = 4 * r * s;
        for (int j = 0; j < ai.length; j++) {
            gradAcc[j] += c * ai[j];
        }
        return r * r;
    }

    @Override
    public void hessianVectorProduct(double[] w, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < a.length; i++) {
            double s = dot(a[i], w);
            double c = 4 * (3 * s * s - y[i]) * dot(a[i], v);
            for (int j = 0; j < out.length; j++) {
                out[j] += c * a[i][j];
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= a.length;
        }
    }

    /** ∇²f(w) = (4/n) Σ_i (3(a_iᵀw)² − y_i) a_i a_iᵀ, accumulated directly (upper triangle, mirrored). */
    @Override
    public void hessian(double[] w, double[][] out) {
        int d = w.length;
        for (double[] row : out) {
            java.util.Arrays.fill(row, 0.0);
        }
        for (int i = 0; i < a.length; i++) {
            double s = dot(a[i], w);
            double c = 4 * (3 * s * s - y[i]);
            double[] ai = a[i];
            for (int p = 0; p < d; p++) {
                double cp = c * ai[p];
                double[] row = out[p];
                for (int q = p; q < d; q++) {
                    row[q] += cp * ai[q];
                }
            }
        }
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                out[p][q] /= a.length;
                out[q][p] = out[p][q];
            }
        }
    }

    private static double dot(double[] p, double[] q) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            s += p[j] * q[j];
        }
        return s;
    }
}
