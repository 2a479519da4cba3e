package org.momentumlab.optim;

import org.momentumlab.model.Objective;

/**
 * Test objective: the n-dimensional Rosenbrock function
 * E(x) = Σ_{i&lt;n−1} [100(x_{i+1} − x_i²)² + (1 − x_i)²], minimum 0 at (1, …, 1); n = 2 is the
 * classic banana.
 */
final class Rosenbrock implements Objective {
    private final int n;

    Rosenbrock(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("n = " + n + " is out of range: must be >= 2");
        }
        this.n = n;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
        double value = 0;
        for (int i = 0; i < n; i++) {
            grad[i] = 0;
        }
        for (int i = 0; i < n - 1; i++) {
            double r = x[i + 1] - x[i] * x[i];
            double s = 1 - x[i];
            value += 100 * r * r + s * s;
            grad[i] += -400 * x[i] * r - 2 * s;
            grad[i + 1] += 200 * r;
        }
        return value;
    }
}
