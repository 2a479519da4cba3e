package org.momentumlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimizer-noise probe on the patch CNN (optimizers in lockstep, sharing passes), the
 * teacher-student networks and the saddle objectives: every other metric the same bits with it on,
 * and full-batch GD's noise exactly 0.
 */
class NoiseProbeKindsTest {

    static void sameWithAndWithout(String preset, String... more) {
        String[] on = java.util.Arrays.copyOf(more, more.length + 1);
        on[more.length] = "probe.noise=true";
        List<RunSeries> plain = run(preset, more);
        List<RunSeries> noisy = run(preset, on);
        assertEquals(plain.size(), noisy.size());
        for (int i = 0; i < plain.size(); i++) {
            var a = plain.get(i).metrics();
            var b = noisy.get(i).metrics();
            for (String m : a.metrics()) {
                assertArrayEquals(a.column(m), b.column(m), 0.0, preset + " " + plain.get(i).label() + " " + m);
            }
            assertTrue(b.has("noise_level"), preset);
        }
    }

    /** A preset's base spec (without its sweep section, if any) with overrides, run in memory. */
    static List<RunSeries> run(String preset, String... overrides) {
        SpecTree tree = SpecTree.preset(preset);
        for (String o : overrides) {
            tree.override(o);
        }
        Spec<?> spec = ExperimentKinds.bind(org.momentumlab.experiment.sweep.SweepPlan.of(tree, List.of(0L)).base());
        try (org.momentumlab.util.ComputePool pool = new org.momentumlab.util.ComputePool(2)) {
            return spec.runInMemory(pool);
        }
    }

    @Test
    void patchCnnInLockstep() {
        sameWithAndWithout("momentum-vs-gd-quick", "train.steps=60", "seeds=[0]");
        // full batch: GD's direction is the full gradient, its noise exactly 0; GD+M's buffer is not
        List<RunSeries> runs = ExperimentKinds.runPreset("momentum-vs-gd-quick", 2, "train.steps=60", "seeds=[0]", "probe.noise=true");
        var gd = runs.stream().filter(r -> r.label().display(List.of()).equals("gd")).findFirst().orElseThrow().metrics();
        var gdm = runs.stream().filter(r -> r.label().display(List.of()).equals("gdm")).findFirst().orElseThrow().metrics();
        for (int r = 0; r < gd.rows(); r++) {
            assertEquals(0.0, gd.get("noise_level", r));
            assertEquals(0.0, gd.get("grad_variance", r)); // the batch is all the data: C = 0
        }
        assertTrue(gdm.get("noise_level", gdm.rows() - 1) > 0);
        // with mini-batches: C > 0 and the smoothing of the EMA form (NSHB)
        sameWithAndWithout("momentum-vs-gd-quick", "train.steps=60", "seeds=[0]", "train.batch_size=500", "probe.noise_draws=3");
    }

    @Test
    void teacherStudentAndSaddles() {
        sameWithAndWithout("optimizer-noise-quick", "probe.noise=false", "train.batch_size=50", "train.epochs=4", "seeds=[0]");
        sameWithAndWithout("saddle-escape-quick", "train.steps=300");
    }
}
