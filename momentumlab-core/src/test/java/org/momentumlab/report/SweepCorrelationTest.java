package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pearson and Spearman against values computed elsewhere (numpy), ties, the fit, the bootstrap, and the runs left out. */
class SweepCorrelationTest {

    @Test
    void coefficientsAgainstNumpy() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        assertEquals(0.7745966692414834, SweepCorrelation.pearson(x, y), 1e-15); // numpy.corrcoef
        assertArrayEquals(new double[] {2.2, 0.6}, SweepCorrelation.fit(x, y), 1e-14); // numpy.polyfit: slope 0.6, intercept 2.2
        // ties share their mean rank: x ranks 1, 2.5, 2.5, 4
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, SweepCorrelation.ranks(new double[] {1, 2, 2, 3}), 0.0);
        assertEquals(0.9486832980505139, SweepCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}), 1e-15);
        // Spearman sees only order: a monotone transform of x changes Pearson, not Spearman
        double[] cubed = {1, 8, 27, 64, 125};
        assertEquals(SweepCorrelation.spearman(x, y), SweepCorrelation.spearman(cubed, y), 0.0);
        assertTrue(SweepCorrelation.pearson(cubed, y) != SweepCorrelation.pearson(x, y));
    }

    @Test
    void perLabelAndPooledWithReproducibleIntervals() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // shb: accuracy falls with noise; nshb: it rises; one diverged run
            rows.add(new SweepReport.Row(Map.of(), "shb", i, Map.of("noise", (double) i, "acc", 1 - 0.01 * i + 0.003 * Math.sin(i))));
            rows.add(new SweepReport.Row(Map.of(), "nshb", i, Map.of("noise", (double) i, "acc", i == 7 ? Double.NaN : 0.5 + 0.01 * i)));
        }
        List<SweepCorrelation.Result> r = SweepCorrelation.correlate(rows, "noise", "acc");
        assertEquals(List.of("shb", "nshb", "pooled"), r.stream().map(SweepCorrelation.Result::group).toList());
        assertEquals(-1.0, r.get(0).spearman().value(), 0.0);
        assertTrue(r.get(0).pearson().value() < -0.99 && r.get(0).pearson().high() < -0.98, r.get(0).toString());
        assertEquals(19, r.get(1).n());
        assertEquals(1, r.get(1).left());
        assertEquals(1.0, r.get(1).spearman().value(), 0.0);
        assertEquals(39, r.get(2).n());
        SweepCorrelation.Estimate e = r.get(2).pearson();
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
        assertEquals(e, SweepCorrelation.correlate(rows, "noise", "acc").get(2).pearson()); // the same runs, the same interval
    }
}
