package org.momentumlab.util;

import java.util.SplittableRandom;

/**
 * Standard normal samples from a {@link SplittableRandom} by Marsaglia's polar method, computed with
 * {@link StrictMath} so that a seed gives the same numbers on every JVM and machine.
 * Not thread-safe: one source per stream.
 */
public final class GaussianSource {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    public GaussianSource(SplittableRandom rng) {
        this.rng = rng;
    }

    /** The underlying uniform stream (shared state: draws from it interleave with Gaussian draws). */
    public SplittableRandom uniform() {
        return rng;
    }

    /** Next N(0, 1) sample. */
    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double k = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * k;
        hasSpare = true;
        return u * k;
    }
}
