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

    @Test
    void acrossModelsPooledOnWithinModelZScores() {
        // two models on different scales: within each, accuracy falls as noise rises; but the noisier
        // model is the more accurate one, so the raw values pooled would correlate positively
        List<SweepReport.Row> a = new ArrayList<>();
        List<SweepReport.Row> b = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            a.add(new SweepReport.Row(Map.of(), "shb", i, Map.of("noise", 0.1 + 0.01 * i, "acc", 0.6 - 0.01 * i + 0.002 * Math.cos(i))));
            b.add(new SweepReport.Row(Map.of(), "shb", i, Map.of("noise", 5.0 + i, "acc", 0.95 - 0.001 * i)));
        }
        List<SweepReport.Row> raw = new ArrayList<>(a);
        raw.addAll(b);
        assertTrue(SweepCorrelation.pearson(SweepCorrelation.points(raw, "noise", "acc")[0], SweepCorrelation.points(raw, "noise", "acc")[1]) > 0.8);
        Map<String, List<SweepReport.Row>> models = new java.util.LinkedHashMap<>();
        models.put("ts", a);
        models.put("cnn", b);
        List<SweepCorrelation.Result> r = SweepCorrelation.correlateAcross(models, "noise", "acc");
        assertEquals(List.of("ts: shb", "cnn: shb", SweepCorrelation.POOLED_ACROSS), r.stream().map(SweepCorrelation.Result::group).toList());
        assertEquals(-1.0, r.get(1).spearman().value(), 1e-15);
        SweepCorrelation.Result pooled = r.get(2);
        assertEquals(24, pooled.n());
        assertTrue(pooled.pearson().value() < -0.95 && pooled.pearson().high() < -0.9, pooled.toString());
        // z-scores: mean 0, population std 1; a constant variable has none
        double[] z = SweepCorrelation.zScores(new double[] {1, 2, 3, 4});
        assertArrayEquals(new double[] {-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738}, z, 1e-15);
        assertTrue(Double.isNaN(SweepCorrelation.zScores(new double[] {2, 2, 2})[0]));
        // one model twice: the pooled Spearman is that model's own (ranks of a repeated sample are a linear map of its ranks)
        Map<String, List<SweepReport.Row>> twice = new java.util.LinkedHashMap<>();
        twice.put("ts", a);
        twice.put("ts again", a);
        List<SweepCorrelation.Result> t = SweepCorrelation.correlateAcross(twice, "noise", "acc");
        assertEquals(SweepCorrelation.correlate(a, "noise", "acc").get(0).spearman().value(), t.get(2).spearman().value(), 1e-12);
    }
}
