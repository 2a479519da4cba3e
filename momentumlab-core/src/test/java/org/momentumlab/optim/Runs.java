package org.momentumlab.optim;

import org.momentumlab.model.Objective;

/** Test helpers: run an optimizer and record its iterates; compare trajectories. */
final class Runs {
    private Runs() {
    }

    /** A recorded run: params[k] = θ_k, evaluation[k] = where the k-th gradient was taken, buffer[k] = momentum buffer after step k (or null). */
    record Trajectory(double[][] params, double[][] evaluation, double[][] buffer) {
    }

    /** θ_0 … θ_steps of {@code optimizer} on {@code f} from {@code x0}. */
    static Trajectory run(Optimizer optimizer, Objective f, double[] x0, int steps) {
        int n = x0.length;
        Stepper stepper = optimizer.start(n);
        double[] theta = x0.clone();
        double[] grad = new double[n];
        double[][] params = new double[steps + 1][];
        double[][] evaluation = new double[steps + 1][];
        double[][] buffer = new double[steps + 1][];
        params[0] = theta.clone();
        buffer[0] = copyOrNull(stepper.momentumBuffer());
        for (int k = 0; k < steps; k++) {
            double[] at = stepper.evaluationPoint(theta);
            evaluation[k] = at.clone();
            f.valueAndGradient(at, grad);
            stepper.step(theta, grad);
            params[k + 1] = theta.clone();
            buffer[k + 1] = copyOrNull(stepper.momentumBuffer());
        }
        evaluation[steps] = stepper.evaluationPoint(theta).clone();
        return new Trajectory(params, evaluation, buffer);
    }

    private static double[] copyOrNull(double[] a) {
        return a == null ? null : a.clone();
    }

    /** max_i |a_i − b_i| / max(1, max_i |a_i|): relative for large entries, absolute for small ones. */
    static double mixedError(double[] a, double[] b) {
        double diff = 0;
        double scale = 1;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return diff / scale;
    }

    /** The largest {@link #mixedError} over all rows. */
    static double maxMixedError(double[][] a, double[][] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, mixedError(a[k], b[k]));
        }
        return worst;
    }

    /** Whether the two arrays of rows are equal bit for bit (±0 equal). */
    static boolean identical(double[][] a, double[][] b) {
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                if (a[k][i] != b[k][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    static double[] filled(int n, double value) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
