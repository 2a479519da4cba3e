package org.momentumlab.experiment.saddle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.CensoredStats;
import org.momentumlab.experiment.rundir.Summary;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.report.RunTable;
import org.momentumlab.train.TrainingResult;

/** The saddle-escape kind: the quick presets' claim, exact escape detection, censoring, thread invariance, input errors. */
class SaddleEscapeKindTest {

    static List<RunSeries> run(String preset, int threads, String... overrides) {
        return ExperimentKinds.runPreset(preset, threads, overrides);
    }

    static Map<String, double[]> escapeTimes(List<RunSeries> runs, String metric) {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            by.computeIfAbsent(r.label().get("optimizer"), k -> new ArrayList<>()).add(Summary.finalValue(r.metrics(), metric));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        by.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** Medians fall strictly as beta grows, and the intervals of the smallest and largest beta do not overlap. */
    static void assertMonotoneMedians(Map<String, double[]> times) {
        List<CensoredStats> stats = times.values().stream().map(CensoredStats::of).toList();
        for (int i = 1; i < stats.size(); i++) {
            assertTrue(stats.get(i).median() < stats.get(i - 1).median(), "median " + i + " = " + stats.get(i).median()
                    + " is not below median " + (i - 1) + " = " + stats.get(i - 1).median());
        }
        CensoredStats first = stats.get(0);
        CensoredStats last = stats.get(stats.size() - 1);
        assertTrue(last.ciHigh() < first.ciLow(), "intervals overlap: " + last + " vs " + first);
        assertTrue(first.fraction() > 0.5, "most beta = 0 runs escape: " + first);
    }

    @Test
    void saddleQuickPresetEscapesFasterWithMomentumByTheEffectiveStep() {
        Map<String, double[]> t = escapeTimes(run("saddle-escape-quick", 2), "escape_step");
        assertEquals(List.of("beta00", "beta05", "beta09"), List.copyOf(t.keySet()));
        assertMonotoneMedians(t);
        // near the saddle heavy ball grows along v by r - 1 ~ eta*lambda/(1 - beta): the median ratio is 1 - beta
        double[] ref = t.get("beta00");
        assertEquals(0.5, CensoredStats.medianRatio(t.get("beta05"), ref)[0], 0.01);
        assertEquals(0.1, CensoredStats.medianRatio(t.get("beta09"), ref)[0], 0.005);
    }

    @Test
    void phaseRetrievalQuickPresetRecoversFasterWithMomentum() {
        List<RunSeries> runs = run("phase-retrieval-quick", 2);
        assertMonotoneMedians(escapeTimes(runs, "escape_step"));
        assertMonotoneMedians(escapeTimes(runs, "ball_exit_step"));
        for (RunSeries r : runs) {
            double esc = Summary.finalValue(r.metrics(), "escape_step");
            if (!Double.isNaN(esc)) {
                assertTrue(Summary.finalValue(r.metrics(), "dist") <= 0.1, r.id());
            }
            // the origin is an exact stationary point: every component gradient vanishes there
            assertEquals(0.0, r.metrics().get("cnc_saddle", 0), r.id());
            assertTrue(r.metrics().get("saddle_min_eig", 0) < 0, r.id());
        }
    }

    @Test
    void escapeAndBallExitAreTheFirstStepsThatQualify() {
        // probe every step with the full gradient (deterministic): the recorded steps must be the first qualifying rows
        List<RunSeries> runs = run("phase-retrieval-quick", 1, "seeds=[3]", "train.batch_size=0", "train.stop_at_escape=false",
                "train.steps=3000", "probe.every=1", "probe.min_eigenvalue=false");
        for (RunSeries r : runs) {
            MetricTable m = r.metrics();
            assertEquals(3001, m.rows());
            assertEquals(firstRow(m, "dist", true, 0.1), (long) Summary.finalValue(m, "escape_step"), r.id());
            assertEquals(firstRow(m, "dist_saddle", false, 0.3), (long) Summary.finalValue(m, "ball_exit_step"), r.id());
            assertTrue(Double.isNaN(m.get("escape_step", (int) Summary.finalValue(m, "escape_step") - 1)));
        }
        List<RunSeries> saddle = run("saddle-escape-quick", 1, "seeds=[1]", "train.stop_at_escape=false",
                "train.steps=60000", "probe.every=1", "probe.min_eigenvalue=false", "optimizers={b: {type: optax_sgd, lr: 5.0e-4, momentum: 0.9}}");
        MetricTable m = saddle.get(0).metrics();
        double ref = m.get("saddle_value", 0) - 0.005;
        assertEquals(firstRow(m, "train_loss", true, ref), (long) Summary.finalValue(m, "escape_step"));
    }

    private static long firstRow(MetricTable m, String metric, boolean below, double threshold) {
        for (int row = 0; row < m.rows(); row++) {
            double v = m.get(metric, row);
            if (below ? v <= threshold : v > threshold) {
                return m.step(row);
            }
        }
        return -1;
    }

    @Test
    void runsThatNeverEscapeAreCensoredAndCounted() {
        List<RunSeries> runs = run("saddle-escape-quick", 2, "seeds=0..5", "train.steps=2000");
        for (RunSeries r : runs) {
            assertTrue(Double.isNaN(Summary.finalValue(r.metrics(), "escape_step")), r.id());
            assertEquals(TrainingResult.StopReason.MAX_STEPS, r.result().reason());
            assertEquals(2000, r.result().steps());
        }
        ResultLayout layout = new SaddleEscapeKind().layout(bound("saddle-escape-quick"));
        List<String[]> rows = RunTable.rows(layout, runs);
        List<String> header = List.of(rows.get(0));
        String[] beta0 = rows.get(1);
        assertEquals("0/6", beta0[header.indexOf("escaped")]);
        assertEquals("> 2000 [> 2000, > 2000]", beta0[header.indexOf("median escape step [95% CI]")]);
        var json = Summary.toJson(runs, layout.labelFields(), Summary.eventMetrics(layout), true);
        var ev = json.get("over_seeds").get("beta00").get("escape_step").get("events");
        assertEquals(6, ev.get("runs").asInt());
        assertEquals(0, ev.get("observed").asInt());
        assertTrue(ev.get("median").isNull());
    }

    @SuppressWarnings("unchecked")
    private static Spec<SaddleEscapeSpec> bound(String preset) {
        return (Spec<SaddleEscapeSpec>) ExperimentKinds.bind(SpecTree.preset(preset));
    }

    @Test
    void sameSeedsGiveTheSameBitsOnAnyThreadCount() {
        String[] o = {"seeds=0..6", "train.steps=200000"};
        List<RunSeries> one = run("saddle-escape-quick", 1, o);
        List<RunSeries> three = run("saddle-escape-quick", 3, o);
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            RunSeries a = one.get(i);
            RunSeries b = three.get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.seed(), b.seed());
            assertArrayEquals(a.metrics().steps(), b.metrics().steps());
            for (String metric : a.metrics().metrics()) {
                double[] x = a.metrics().column(metric);
                double[] y = b.metrics().column(metric);
                for (int k = 0; k < x.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(x[k]), Double.doubleToRawLongBits(y[k]), a.id() + " " + metric + " row " + k);
                }
            }
        }
        assertFalse(Double.isNaN(Summary.finalValue(one.get(one.size() - 1).metrics(), "escape_step")));
    }

    @Test
    void allOptimizersOfASeedSeeTheSameInstanceAndStart() {
        List<RunSeries> runs = run("saddle-escape-quick", 1, "seeds=[4]", "train.steps=1000");
        double f0 = runs.get(0).metrics().get("train_loss", 0);
        double c0 = runs.get(0).metrics().get("cnc_start", 0);
        for (RunSeries r : runs) {
            assertEquals(f0, r.metrics().get("train_loss", 0));
            assertEquals(c0, r.metrics().get("cnc_start", 0));
        }
    }

    @Test
    void badInputNamesTheKey() {
        SpecException e = assertThrows(SpecException.class, () -> run("saddle-escape-quick", 1, "train.batch_size=11"));
        assertTrue(e.getMessage().contains("train.batch_size = 11 is out of range: must be <= the number of components 10"), e.getMessage());
        e = assertThrows(SpecException.class, () -> run("saddle-escape-quick", 1, "saddle.variances=[0.1]"));
        assertTrue(e.getMessage().contains("variances has 1 entries, curvatures has 2"), e.getMessage());
        e = assertThrows(SpecException.class, () -> run("phase-retrieval-quick", 1, "escape.distance=0"));
        assertTrue(e.getMessage().contains("escape.distance"), e.getMessage());
    }
}
