package org.momentumlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.rundir.Summary;
import org.momentumlab.util.ComputePool;

/**
 * Regression guard for the headline phenomenon of Jelassi &amp; Li on the small variant of the
 * momentum-vs-gd preset: both optimizers fit the training data and the large-margin test data, GD
 * memorizes the small-margin training examples with noise, GD+M learns a larger feature and
 * classifies the small-margin test data.
 */
class MomentumMechanismTest {

    @Test
    void gdmBeatsGdOnSmallMarginDataByLearningTheFeature() {
        Spec<?> spec = ExperimentKinds.bind(SpecTree.preset("momentum-vs-gd-quick"));
        List<RunSeries> runs;
        try (ComputePool pool = new ComputePool(2)) {
            runs = spec.runInMemory(pool);
        }
        Map<RunLabel, List<RunSeries>> by = Summary.byLabel(runs);
        List<RunSeries> gd = by.get(SeedRuns.label("gd"));
        List<RunSeries> gdm = by.get(SeedRuns.label("gdm"));
        assertEquals(spec.seeds().size(), gd.size());
        for (String opt : List.of("gd", "gdm")) {
            assertEquals(1.0, Summary.finalStats(by.get(SeedRuns.label(opt)), "train_acc").min(), 0, opt);
            assertTrue(Summary.finalStats(by.get(SeedRuns.label(opt)), "test_acc_large").min() >= 0.99, opt);
        }
        double gdSmall = Summary.finalStats(gd, "test_acc_small").mean();
        double gdmSmall = Summary.finalStats(gdm, "test_acc_small").mean();
        assertTrue(gdmSmall >= 0.99, "GD+M small-margin test accuracy " + gdmSmall);
        assertTrue(gdmSmall - gdSmall >= 0.2, "GD " + gdSmall + " vs GD+M " + gdmSmall);
        // the mechanism: more feature for GD+M, noise memorization for GD only
        assertTrue(Summary.finalStats(gdm, "max_signal").mean() > 2 * Summary.finalStats(gd, "max_signal").mean());
        double gdNoise = Summary.finalStats(gd, "noise_small_mean").mean();
        assertTrue(gdNoise > 1.0, "GD noise " + gdNoise);
        assertTrue(Math.abs(Summary.finalStats(gdm, "noise_small_mean").mean()) < gdNoise / 10);
    }
}
