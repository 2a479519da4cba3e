package org.momentumlab.model;

/** Central finite differences on an {@link Objective}: the fallback Hessian-vector product and the reference that tests check analytic derivatives against. */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** (∇E(x + εv) − ∇E(x − εv)) / (2ε), ε = 1e-5·max(1, ‖x‖)/‖v‖; writes into {@code out}. */
    public static void hessianVectorProduct(Objective f, double[] x, double[] v, double[] out) {
        int n = f.dimension();
        double vn = Math.sqrt(dot(v, v));
        if (vn == 0) {
            java.util.Arrays.fill(out, 0, n, 0.0);
            return;
        }
        double eps = 1e-5 * Math.max(1.0, Math.sqrt(dot(x, x))) / vn;
        double[] xp = new double[n];
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int i = 0; i < n; i++) {
            xp[i] = x[i] + eps * v[i];
        }
        f.valueAndGradient(xp, gp);
        for (int i = 0; i < n; i++) {
            xp[i] = x[i] - eps * v[i];
        }
        f.valueAndGradient(xp, gm);
        for (int i = 0; i < n; i++) {
            out[i] = (gp[i] - gm[i]) / (2 * eps);
        }
    }

    /** Central-difference gradient with per-coordinate step h·max(1, |x_i|); allocates its result. */
    public static double[] gradient(Objective f, double[] x, double h) {
        int n = f.dimension();
        double[] g = new double[n];
        double[] xp = x.clone();
        for (int i = 0; i < n; i++) {
            double step = h * Math.max(1.0, Math.abs(x[i]));
            xp[i] = x[i] + step;
            double fp = f.value(xp);
            xp[i] = x[i] - step;
            double fm = f.value(xp);
            xp[i] = x[i];
            g[i] = (fp - fm) / (2 * step);
        }
        return g;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
