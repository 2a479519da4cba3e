package org.momentumlab.deep.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.deep.data.IdxFiles;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.Summary;

/** The image-classifier kind: a real-data smoke run, generated CIFAR files end to end, repeatability, and its data errors. */
class ImageClassifierKindTest {

    static List<RunSeries> run(String preset, int threads, String... overrides) {
        return ExperimentKinds.runPreset(preset, threads, overrides);
    }

    @Test
    void learnsRealFashionMnistAndRepeatsItselfOnAnyPoolSize() {
        if (!Files.isDirectory(IdxFiles.FASHION_MNIST)) {
            return; // .ci/run installs Debian's dataset-fashion-mnist
        }
        List<RunSeries> a = run("fashion-mnist-quick", 2);
        var m = a.get(0).metrics();
        assertEquals(List.of(0L, 32L, 64L), java.util.Arrays.stream(m.steps()).boxed().toList());
        double acc0 = m.get("test_acc", 0);
        double acc = Summary.finalValue(m, "test_acc");
        assertTrue(acc0 < 0.3, "untrained accuracy " + acc0);
        assertTrue(acc > 0.65, "test accuracy after 2 epochs on 2 000 images: " + acc);
        assertTrue(m.get("train_loss", 2) < m.get("train_loss", 1), "the epoch loss falls");
        List<RunSeries> b = run("fashion-mnist-quick", 1); // another pool size: the engine's threads come from the spec
        for (String metric : m.metrics()) {
            assertArrayEquals(m.column(metric), b.get(0).metrics().column(metric), 0.0, metric);
        }
    }

    /** A run interrupted in its second optimizer's second epoch, resumed from its checkpoints, gives the uninterrupted run's metrics byte for byte. */
    @Test
    void aResumedRunEndsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        resumedEqualsWhole(dir);
    }

    /** The same with batch normalisation (its running averages are in the checkpoint), degraded images and the noise probe (its running values from the rows). */
    @Test
    void aResumedRunWithBatchNormEndsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        resumedEqualsWhole(dir, "model.arch=resnet18", "model.width_divisor=32", "model.batch_norm=true", "data.degrade.fraction=0.25",
                "probe.noise=true", "probe.noise_draws=3");
    }

    private static void resumedEqualsWhole(Path dir, String... more) throws IOException {
        cifarFiles(dir);
        org.momentumlab.experiment.SpecTree tree = org.momentumlab.experiment.SpecTree.preset("fashion-mnist-quick");
        List<String> overrides = new java.util.ArrayList<>(List.of("data.set=cifar10", "data.dir=" + dir, "data.train_subset=0", "data.test_subset=0",
                "train.epochs=3", "train.batch_size=16", "optimizers.gd.type=gd", "optimizers.gd.lr=0.05"));
        overrides.addAll(List.of(more));
        for (String o : overrides) {
            tree.override(o);
        }
        org.momentumlab.experiment.Spec<?> spec = ExperimentKinds.bind(tree);
        Path whole = org.momentumlab.experiment.rundir.RunExecution.execute(spec, dir.resolve("out/whole"), 1, "test", org.momentumlab.experiment.ExperimentListener.NONE).dir();
        assertTrue(!Files.exists(whole.resolve("checkpoints")), "a finished run directory keeps no checkpoints");
        // interrupted at the 5th step of the second run (gd after sgdm; 3 steps per epoch): after its first epoch's checkpoint
        Path cut = dir.resolve("out/cut");
        org.momentumlab.experiment.ExperimentListener stopper = new org.momentumlab.experiment.ExperimentListener() {
            int runs;

            @Override
            public void runStarted(int index, int total, org.momentumlab.experiment.RunLabel label, long seed, long steps) {
                runs++;
            }

            @Override
            public void step(long step, long maxSteps, double loss) {
                if (runs == 2 && step == 5) {
                    throw new IllegalStateException("interrupted for the test");
                }
            }

            @Override
            public void runFinished(RunSeries run) {
            }
        };
        var failed = assertThrows(org.momentumlab.experiment.rundir.RunExecution.Failed.class,
                () -> org.momentumlab.experiment.rundir.RunExecution.execute(spec, cut, 1, "test", stopper));
        Path kept = failed.kept();
        assertEquals(cut.resolveSibling("cut.incomplete"), kept);
        try (var files = Files.list(kept.resolve("checkpoints"))) {
            assertEquals(2, files.count(), "one checkpoint per run: sgdm finished, gd after its first epoch");
        }
        Path resumed = org.momentumlab.experiment.rundir.RunExecution.execute(spec, cut, 1, "test", org.momentumlab.experiment.ExperimentListener.NONE,
                kept.resolve("checkpoints")).dir();
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(resumed.resolve("metrics.csv")));
        assertEquals(Files.readString(whole.resolve("summary.json")), Files.readString(resumed.resolve("summary.json")));
    }

    static void cifarFiles(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        for (String f : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            byte[] b = new byte[8 * 3073];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) rng.nextInt(256);
            }
            for (int r = 0; r < 8; r++) {
                b[r * 3073] = (byte) rng.nextInt(10);
            }
            Files.write(dir.resolve(f), b);
        }
    }

    /** A CIFAR-10 directory of the standard file names with random images: the kind reads it and trains. */
    @Test
    void trainsOnCifarFiles(@TempDir Path dir) throws IOException {
        cifarFiles(dir);
        List<RunSeries> runs = run("fashion-mnist-quick", 1, "data.set=cifar10", "data.dir=" + dir, "data.train_subset=0",
                "data.test_subset=0", "train.epochs=1", "train.batch_size=16");
        var m = runs.get(0).metrics();
        assertEquals(3, m.step(m.rows() - 1)); // 40 training images: ceil(40 / 16) steps
        double acc = Summary.finalValue(m, "test_acc");
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(Double.isFinite(Summary.finalValue(m, "train_loss")));
        var augmented = run("fashion-mnist-quick", 1, "data.set=cifar10", "data.dir=" + dir, "data.train_subset=0",
                "data.test_subset=0", "train.epochs=1", "train.batch_size=16", "data.augment=true").get(0).metrics();
        assertTrue(Double.isFinite(Summary.finalValue(augmented, "train_loss")));
        assertTrue(Summary.finalValue(augmented, "train_loss") != Summary.finalValue(m, "train_loss"), "augmented batches are other batches");
        assertEquals(m.get("test_loss", 0), augmented.get("test_loss", 0), 0.0); // evaluation is never augmented
    }

    /** Full-batch GD (batch 0) with the full-data gradient and sharpness probes: one step per epoch, every metric in every row. */
    @Test
    void fullBatchWithGradientAndSharpnessProbes(@TempDir Path dir) throws IOException {
        cifarFiles(dir);
        List<RunSeries> runs = run("fashion-mnist-quick", 1, "data.set=cifar10", "data.dir=" + dir, "data.train_subset=0", "data.test_subset=0",
                "train.epochs=2", "train.batch_size=0", "train.eval_batch=16", "probe.full_gradient=true", "probe.sharpness_every_epochs=1",
                "probe.sharpness_images=12", "probe.lanczos_iterations=4");
        var m = runs.get(0).metrics();
        assertEquals(List.of(0L, 1L, 2L), java.util.Arrays.stream(m.steps()).boxed().toList());
        for (String metric : List.of("test_acc", "full_loss", "full_grad_norm", "sharpness")) {
            for (int r = 0; r < 3; r++) {
                assertTrue(Double.isFinite(m.get(metric, r)), metric + " row " + r);
            }
        }
        // GD: the epoch's one step is taken at the epoch's start, where the previous row measured the full-data loss
        assertEquals(m.get("full_loss", 0), m.get("train_loss", 1), 1e-12);
        assertTrue(m.get("sharpness", 0) > 0);
    }

    /**
     * GD (batch 0 for gd only) beside SGD+M, on degraded images: one step per epoch for gd, three for
     * sgdm; the accuracy on the degraded images, on the others, and their ratio, consistent.
     */
    @Test
    void perOptimizerBatchSizesAndTheDegradedSubset(@TempDir Path dir) throws IOException {
        cifarFiles(dir);
        List<RunSeries> runs = run("fashion-mnist-quick", 1, "data.set=cifar10", "data.dir=" + dir, "data.train_subset=0", "data.test_subset=0",
                "train.epochs=2", "train.batch_size=16", "train.batch_sizes={gd: 0}", "optimizers.gd.type=gd", "optimizers.gd.lr=0.05",
                "data.degrade.fraction=0.25");
        assertEquals(6, runs.get(0).metrics().step(2)); // sgdm: ceil(40 / 16) = 3 steps per epoch
        assertEquals(2, runs.get(1).metrics().step(2)); // gd: the full batch, one step per epoch
        for (RunSeries r : runs) {
            var m = r.metrics();
            for (int row = 0; row < m.rows(); row++) {
                double all = m.get("test_acc", row);
                double degraded = m.get("test_acc_degraded", row);
                double clean = m.get("test_acc_clean", row);
                assertEquals(all, (2 * degraded + 6 * clean) / 8, 1e-15, "8 test images, 2 degraded"); // round(0.25 * 8)
                assertEquals(degraded / all, m.get("degraded_ratio", row), 0.0);
            }
            assertTrue(Double.isFinite(Summary.finalValue(m, "test_acc_variation")));
        }
    }

    /** Sato & Iiduka's noise: 0 for full-batch GD, positive for SGD+M, and the trajectory the same bits without it. */
    @Test
    void optimizerNoiseChangesNothingAndIsZeroForGd(@TempDir Path dir) throws IOException {
        cifarFiles(dir);
        String[] base = {"data.set=cifar10", "data.dir=" + dir, "data.train_subset=0", "data.test_subset=0", "train.epochs=2", "train.batch_size=16",
            "train.batch_sizes={gd: 0}", "optimizers.gd.type=gd", "optimizers.gd.lr=0.05", "train.eval_batch=16"};
        List<RunSeries> plain = run("fashion-mnist-quick", 1, base);
        String[] withNoise = java.util.Arrays.copyOf(base, base.length + 1);
        withNoise[base.length] = "probe.noise=true";
        List<RunSeries> noisy = run("fashion-mnist-quick", 1, withNoise);
        for (int i = 0; i < 2; i++) {
            var a = plain.get(i).metrics();
            var b = noisy.get(i).metrics();
            for (String metric : a.metrics()) {
                assertArrayEquals(a.column(metric), b.column(metric), 0.0, metric);
            }
        }
        var sgdm = noisy.get(0).metrics();
        var gd = noisy.get(1).metrics();
        for (int row = 1; row < 3; row++) {
            assertTrue(sgdm.get("noise_level", row) > 0);
            assertEquals(0.0, gd.get("noise_level", row)); // the full-batch gradient is the full-data gradient, bit for bit
            assertEquals(0.0, gd.get("noise_angle", row));
        }
    }

    @Test
    void missingDataIsOneLineBeforeAnyRun(@TempDir Path dir) {
        SpecException e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "data.dir=" + dir.resolve("none")));
        assertEquals("data.dir = " + dir.resolve("none") + " does not exist", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "data.dir=" + dir, "data.set=cifar100"));
        assertEquals("data.dir = " + dir + " has no train.bin: cifar100 needs [train.bin, test.bin]", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "train.device=gpu"));
        assertTrue(e.getMessage().startsWith("device gpu: the PyTorch engine sees no GPU"), e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "data.augment=true", "train.batch_size=0"));
        assertEquals("data.augment needs mini-batches (it draws per batch): give train.batch_size > 0", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "data.set=cifar10"));
        assertEquals("data.dir is empty: give the directory of the cifar10 files", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "train.batch_sizes={sgd: 0}"));
        assertEquals("train.batch_sizes.sgd: there is no optimizer sgd (optimizers: sgdm)", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "train.batch_sizes={sgdm: 0}", "data.augment=true"));
        assertEquals("data.augment needs mini-batches (it draws per batch): give train.batch_size > 0 (train.batch_sizes.sgdm is 0)", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "model.arch=vgg19"));
        assertEquals("model.arch = vgg19 needs 32x32 images (five 2x2 poolings down to 1x1): use cifar10 or cifar100, or resnet18", e.getMessage());
        e = assertThrows(SpecException.class, () -> run("fashion-mnist-quick", 1, "model.batch_norm=true"));
        assertTrue(e.getMessage().contains("batch_norm: the small CNN has no normalisation"), e.getMessage());
    }
}
