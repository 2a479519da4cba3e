package org.momentumlab.experiment.rundir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Censored medians, quartiles, bootstrap intervals and paired ratios. */
class CensoredStatsTest {
    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void quartilesAreTypeSevenWithCensoredValuesLast() {
        CensoredStats s = CensoredStats.of(new double[] {4, 1, 3, 2, 5});
        assertEquals(3, s.median());
        assertEquals(2, s.q1());
        assertEquals(4, s.q3());
        assertEquals(1.0, s.fraction());
        CensoredStats even = CensoredStats.of(new double[] {10, 20, 30, 40});
        assertEquals(25, even.median());
        assertEquals(17.5, even.q1());
        assertEquals(32.5, even.q3());
        // two of five censored: the median is still the third smallest, the upper quartile is not reached
        CensoredStats c = CensoredStats.of(new double[] {NAN, 3, 1, NAN, 2});
        assertEquals(5, c.count());
        assertEquals(3, c.observed());
        assertEquals(0.6, c.fraction(), 1e-15);
        assertEquals(3, c.median());
        assertEquals(2, c.q1());
        assertEquals(INF, c.q3());
        // half censored with an even count: the median needs a censored value
        assertEquals(INF, CensoredStats.of(new double[] {1, 2, NAN, INF}).median());
        assertEquals(INF, CensoredStats.of(new double[] {NAN, NAN}).median());
        assertEquals(0, CensoredStats.of(new double[] {NAN, NAN}).observed());
    }

    @Test
    void bootstrapIntervalIsDeterministicAndBracketsTheMedian() {
        double[] t = new double[101];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        CensoredStats a = CensoredStats.of(t);
        CensoredStats b = CensoredStats.of(t.clone());
        assertEquals(a, b);
        assertEquals(50, a.median());
        assertTrue(a.ciLow() < 50 && a.ciHigh() > 50, a.toString());
        // the median of n uniform order statistics has sd about (n/2)/sqrt(n): the 95 % interval spans roughly ±10 here
        assertTrue(a.ciHigh() - a.ciLow() > 10 && a.ciHigh() - a.ciLow() < 35, a.toString());
        // constant data: a point interval
        CensoredStats k = CensoredStats.of(new double[] {7, 7, 7, 7});
        assertEquals(7, k.ciLow());
        assertEquals(7, k.ciHigh());
    }

    @Test
    void pairedRatioOfMedians() {
        double[] ref = {10, 20, 30, 40, 50};
        double[] half = {5, 10, 15, 20, 25};
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, CensoredStats.medianRatio(half, ref), 1e-15);
        double[] censored = {NAN, NAN, NAN, 1, 2};
        assertEquals(INF, CensoredStats.medianRatio(censored, ref)[0]);
        assertEquals(0, CensoredStats.medianRatio(ref, censored)[0]);
        assertTrue(Double.isNaN(CensoredStats.medianRatio(censored, censored)[0]));
        assertThrows(IllegalArgumentException.class, () -> CensoredStats.medianRatio(new double[2], new double[3]));
    }
}
