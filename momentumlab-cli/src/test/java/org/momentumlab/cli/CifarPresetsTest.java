package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU presets (Jelassi &amp; Li's Figures 1 and 4, the batch-norm ablation, Ghosh et al.'s CIFAR
 * sweep) end to end on generated CIFAR-10 and CIFAR-100 files, at a tiny width and 2 epochs on the
 * CPU: every code path they take (full-batch accumulation beside mini-batches, the degraded subset,
 * batch normalisation, checkpoints, the best-lr aggregate, its table and figure).
 */
class CifarPresetsTest {

    /** Binary CIFAR files of {@code n} random records each: data_batch_1..5 and test_batch (CIFAR-10), train and test (CIFAR-100). */
    static void files(Path dir, int n) throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
                "test_batch.bin", "train.bin", "test.bin")) {
            int labels = f.endsWith("train.bin") || f.equals("test.bin") ? 2 : 1;
            int record = labels + 3072;
            byte[] b = new byte[n * record];
            for (int r = 0; r < n; r++) {
                for (int k = labels; k < record; k++) {
                    b[r * record + k] = (byte) rng.nextInt(256);
                }
                b[r * record] = (byte) rng.nextInt(labels == 1 ? 10 : 20);
                if (labels == 2) {
                    b[r * record + 1] = (byte) rng.nextInt(100);
                }
            }
            Files.write(dir.resolve(f), b);
        }
    }

    static MlabCliTest.Result sweep(Path data, Path out, String preset, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", preset, "--out", out.toString(), "--set", "data.dir=" + data,
                "--set", "train.device=cpu", "--set", "model.width_divisor=32", "--set", "train.epochs=2", "--set", "seeds=[0]",
                "--set", "train.eval_batch=16", "--set", "train.checkpoint_every_epochs=1", "--set", "probe.every_epochs=1"));
        for (String m : more) {
            if (!m.startsWith("--")) {
                args.add("--set");
            }
            args.add(m);
        }
        return MlabCliTest.mlab(args.toArray(String[]::new));
    }

    @Test
    void everyCifarPresetRunsEndToEnd(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("cifar");
        Files.createDirectories(data);
        files(data, 8);
        Path out = tmp.resolve("out");
        String lr = "sweep.grid.lr=[{optimizers.gd.lr: 0.01, optimizers.gdm.lr: 0.01, optimizers.sgd.lr: 0.01, optimizers.sgdm.lr: 0.01},"
                + " {optimizers.gd.lr: 0.05, optimizers.gdm.lr: 0.05, optimizers.sgd.lr: 0.05, optimizers.sgdm.lr: 0.05}]";

        // Figure 1: all three networks (on CIFAR-100; CIFAR-10 below), GD/GD+M by accumulation beside SGD/SGD+M, the best lr per optimizer
        MlabCliTest.Result r = sweep(data, out, "cifar-momentum", lr, "sweep.grid.data.set=[cifar100]",
                "sweep.grid.wd=[{optimizers.gd.weight_decay: 0.0005, optimizers.gdm.weight_decay: 0.0005, optimizers.sgd.weight_decay: 0.0005,"
                + " optimizers.sgdm.weight_decay: 0.0005}]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 runs"), r.out());
        assertTrue(r.out().contains("Best optimizers.gd.lr, optimizers.gd.weight_decay per optimizer and data.set, model.arch (highest mean test_acc"
                + " over seeds), as picked:"), r.out());
        Path fig1 = out.resolve("cifar-momentum");
        assertTrue(Files.isRegularFile(fig1.resolve("figures/table.png")));
        String table = Files.readString(fig1.resolve("table.md"));
        for (String arch : List.of("resnet18", "wrn16_8", "vgg19")) {
            assertTrue(table.contains("| " + arch), table);
        }
        assertTrue(table.contains("GD / GD+M / SGD / SGD+M"), table); // the preset's display names

        // Figure 4: the degraded subset's accuracy and the ratio, per optimizer
        r = sweep(data, out, "cifar-small-margin", "sweep.grid.lr=[{optimizers.gd.lr: 0.01, optimizers.gdm.lr: 0.01}]");
        assertEquals(0, r.code(), r.err());
        String agg = Files.readString(out.resolve("cifar-small-margin/aggregate.csv"));
        assertTrue(agg.contains(",GD,test_acc_degraded,") && agg.contains(",GD+M,degraded_ratio,"), agg);
        table = Files.readString(out.resolve("cifar-small-margin/table.md")); // the Figure 4 table: all, degraded, ratio
        assertTrue(table.contains("Metric: test_acc_degraded (test acc (degraded)") && table.contains("Metric: degraded_ratio (degraded/all"), table);

        // the batch-norm ablation: both settings of the network
        r = sweep(data, out, "cifar-batch-norm", lr.replace(", {optimizers.gd.lr: 0.05, optimizers.gdm.lr: 0.05, optimizers.sgd.lr: 0.05, optimizers.sgdm.lr: 0.05}", ""));
        assertEquals(0, r.code(), r.err());
        table = Files.readString(out.resolve("cifar-batch-norm/table.md"));
        assertTrue(table.contains("| false") && table.contains("| true"), table);

        // Ghosh et al.: lr x beta, and the epoch-to-epoch variation as the table's metric; asked for two runs at a
        // time, the engine's kind runs one at a time (one gradient collector per process) and says so
        r = sweep(data, out, "cifar-ghosh", "sweep.grid.optimizers.hb.lr=[0.05]", "sweep.grid.optimizers.hb.momentum=[0.0, 0.8]",
                "--parallel=2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("mlab: note: image-classifier runs at most 1 at a time in one process; running 1 at a time"), r.err());
        assertTrue(r.out().contains("(1 at a time, 1 thread(s) each)"), r.out());
        r = MlabCliTest.mlab("report", out.resolve("cifar-ghosh").toString(), "--metric", "test_acc_variation");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test_acc_variation"), r.out());
    }

    /** On a machine without a GPU the GPU presets say so in one line, and on the CPU they ask for the data. */
    @Test
    void noGpuAndNoDataAreOneLineEach(@TempDir Path tmp) {
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", "cifar-momentum", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("mlab: device gpu: the PyTorch engine sees no GPU"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = MlabCliTest.mlab("sweep", "cifar-momentum", "--out", tmp.toString(), "--set", "train.device=cpu");
        assertEquals(2, r.code());
        assertEquals("mlab: data.dir is empty: give the directory of the cifar10 files", r.err().strip());
    }
}
