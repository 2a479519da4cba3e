package org.momentumlab.experiment.rundir;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Statistics of event times over seeds where some runs never see the event (right-censored at
 * their horizon): a run's time is finite when the event happened and NaN (or +∞) when it did not.
 * A censored time is treated as larger than every observed one, so the median is finite only when
 * more than half of the runs saw the event, and it is then exactly the sample median of all runs
 * (for the median, right-censoring at a common horizon loses nothing below it). Quantiles are
 * type-7 (linear between order statistics; +∞ as soon as a censored value enters). Confidence
 * intervals are percentile bootstraps with a fixed seed, so the same times give the same interval.
 *
 * @param count    runs
 * @param observed runs that saw the event
 * @param median   the median time (+∞ when half or more are censored)
 * @param q1       first quartile (+∞ when 75 % or more are censored)
 * @param q3       third quartile
 * @param ciLow    lower end of the 95 % bootstrap interval of the median
 * @param ciHigh   upper end (+∞ when too many resamples have a censored median)
 */
public record CensoredStats(int count, int observed, double median, double q1, double q3, double ciLow, double ciHigh) {

    /** Bootstrap resamples of every interval. */
    public static final int RESAMPLES = 2000;
    private static final long BOOTSTRAP_SEED = 0x6d6c61625f626f6fL;

    /** The fraction of runs that saw the event. */
    public double fraction() {
        return count == 0 ? Double.NaN : (double) observed / count;
    }

    /** The statistics of {@code times} (NaN or +∞ = censored). */
    public static CensoredStats of(double[] times) {
        double[] x = sorted(times);
        int n = x.length;
        int obs = 0;
        for (double v : x) {
            obs += v < Double.POSITIVE_INFINITY ? 1 : 0;
        }
        if (n == 0) {
            return new CensoredStats(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] boot = new double[RESAMPLES];
        SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
        double[] r = new double[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) {
                r[i] = x[rng.nextInt(n)];
            }
            Arrays.sort(r);
            boot[b] = quantileSorted(r, 0.5);
        }
        Arrays.sort(boot);
        return new CensoredStats(n, obs, quantileSorted(x, 0.5), quantileSorted(x, 0.25), quantileSorted(x, 0.75),
                quantileSorted(boot, 0.025), quantileSorted(boot, 0.975));
    }

    /**
     * The ratio median(times)/median(reference) of paired runs (index i of both is the same seed)
     * with its 95 % paired-bootstrap interval: {ratio, low, high}. A censored median makes the ratio
     * +∞ (numerator) or 0 (denominator); both censored is undefined (NaN, ordered above +∞ in the
     * interval, so an interval that needs it is open above).
     */
    public static double[] medianRatio(double[] times, double[] reference) {
        if (times.length != reference.length) {
            throw new IllegalArgumentException("paired ratio needs as many runs as the reference: " + times.length + " vs " + reference.length);
        }
        int n = times.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double ratio = ratio(sorted(times), sorted(reference));
        double[] boot = new double[RESAMPLES];
        SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int k = 0; k < RESAMPLES; k++) {
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                a[i] = censor(times[j]);
                b[i] = censor(reference[j]);
            }
            Arrays.sort(a);
            Arrays.sort(b);
            double q = ratio(a, b);
            boot[k] = Double.isNaN(q) ? Double.POSITIVE_INFINITY : q;
        }
        Arrays.sort(boot);
        return new double[] {ratio, quantileSorted(boot, 0.025), quantileSorted(boot, 0.975)};
    }

    private static double ratio(double[] sortedTimes, double[] sortedReference) {
        double m = quantileSorted(sortedTimes, 0.5);
        double m0 = quantileSorted(sortedReference, 0.5);
        if (m == Double.POSITIVE_INFINITY && m0 == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        return m0 == Double.POSITIVE_INFINITY ? 0 : m / m0;
    }

    /** Type-7 quantile of sorted values that may end in +∞. */
    static double quantileSorted(double[] x, double q) {
        double h = (x.length - 1) * q;
        int lo = (int) Math.floor(h);
        double frac = h - lo;
        if (frac == 0 || lo + 1 >= x.length) {
            return x[lo];
        }
        if (x[lo + 1] == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return x[lo] + frac * (x[lo + 1] - x[lo]);
    }

    private static double censor(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static double[] sorted(double[] times) {
        double[] x = new double[times.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = censor(times[i]);
        }
        Arrays.sort(x);
        return x;
    }
}
