package org.momentumlab.probe;

/**
 * Sato &amp; Iiduka's degree of smoothing δ of an optimizer (2024; the formulas of their code): with
 * learning rate η, momentum β, batch size b, a bound C on the mini-batch gradient variance
 * (E‖g_B − ∇f‖² ≤ C/b) and a bound K on the gradient norm,
 * <ul>
 *   <li>SGD: δ = η·√(C/b);</li>
 *   <li>SHB (m = βm + g): δ = η·√(C/b + β̂(C/b + K²)), β̂ = β(β² − β + 1)/(1 − β)²;</li>
 *   <li>NSHB (m = βm + (1 − β)g): δ = η·√(C/b + 4β²(C/b + K²)).</li>
 * </ul>
 *
 * @param form  SGD, SHB or NSHB
 * @param eta   the learning rate
 * @param beta  the momentum (0 for SGD)
 * @param batch the batch size b (the full data for full batch, where C = 0)
 */
public record Smoothing(Form form, double eta, double beta, int batch) {

    /** The search directions the formulas cover. */
    public enum Form { SGD, SHB, NSHB }

    /** δ for variance bound {@code c} and gradient-norm bound {@code k}. */
    public double delta(double c, double k) {
        double v = c / batch;
        return switch (form) {
            case SGD -> eta * Math.sqrt(v);
            case SHB -> eta * Math.sqrt(v + betaHat(beta) * (v + k * k));
            case NSHB -> eta * Math.sqrt(v + 4 * beta * beta * (v + k * k));
        };
    }

    /** β̂ = β(β² − β + 1)/(1 − β)². */
    public static double betaHat(double beta) {
        return beta * (beta * beta - beta + 1) / ((1 - beta) * (1 - beta));
    }

    /** A mini-batch gradient: of the examples {@code indices[from..to)} at θ, into {@code grad}. */
    @FunctionalInterface
    public interface BatchGradient {
        void compute(double[] theta, double[] grad, int[] indices, int from, int to);
    }

    /**
     * b times the mean over {@code draws} mini-batches of b of the n examples (each drawn without
     * replacement from {@code rng}) of ‖g_B(θ) − ∇f(θ)‖²: an estimate of the variance bound C at θ
     * (for sampling without replacement its expectation is b·(n − b)/((n − 1)b)·σ², σ² the mean of
     * ‖∇f_i − ∇f‖² over the examples).
     */
    public static double varianceEstimate(BatchGradient f, double[] theta, double[] full, int n, int b, int draws,
                                          java.util.random.RandomGenerator rng) {
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        double[] g = new double[theta.length];
        double sum = 0;
        for (int q = 0; q < draws; q++) {
            for (int i = 0; i < b; i++) { // partial Fisher–Yates: the batch in order[0..b)
                int j = i + rng.nextInt(n - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            f.compute(theta, g, order, 0, b);
            double s = 0;
            for (int k = 0; k < g.length; k++) {
                double e = g[k] - full[k];
                s += e * e;
            }
            sum += s;
        }
        return b * sum / draws;
    }
}
