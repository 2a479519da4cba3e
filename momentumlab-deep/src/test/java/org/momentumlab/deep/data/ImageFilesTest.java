package org.momentumlab.deep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.SpecException;

/** IDX and CIFAR readers on files the test writes, their error messages, and the real Fashion-MNIST where installed. */
class ImageFilesTest {

    static byte[] idx(int rank, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(0x0800 | rank);
        for (int d : dims) {
            o.writeInt(d);
        }
        o.write(data);
        return b.toByteArray();
    }

    static void write(Path f, byte[] bytes, boolean gz) throws IOException {
        try (OutputStream o = gz ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            o.write(bytes);
        }
    }

    /** 3 training and 2 test images of 2×3 pixels; pixel k of image i is 10·i + k. */
    static void writeIdxSet(Path dir, boolean gz) throws IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            int n = prefix.equals("train") ? 3 : 2;
            byte[] px = new byte[n * 6];
            byte[] lb = new byte[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 6; k++) {
                    px[i * 6 + k] = (byte) (10 * i + k + 200);
                }
                lb[i] = (byte) (9 - i);
            }
            String s = gz ? ".gz" : "";
            write(dir.resolve(prefix + "-images-idx3-ubyte" + s), idx(3, new int[] {n, 2, 3}, px), gz);
            write(dir.resolve(prefix + "-labels-idx1-ubyte" + s), idx(1, new int[] {n}, lb), gz);
        }
    }

    @Test
    void readsIdxGzippedOrNot(@TempDir Path tmp) throws IOException {
        for (boolean gz : new boolean[] {true, false}) {
            Path dir = Files.createDirectories(tmp.resolve("gz" + gz));
            writeIdxSet(dir, gz);
            ImageSet train = IdxFiles.read(dir, true, "toy");
            assertEquals(3, train.size());
            assertEquals(1, train.channels());
            assertEquals(2, train.height());
            assertEquals(3, train.width());
            assertArrayEquals(new int[] {9, 8, 7}, train.labels());
            assertEquals(225, train.pixel(2, 5)); // 10·2 + 5 + 200, unsigned
            assertEquals(2, IdxFiles.read(dir, false, "toy").size());
        }
    }

    @Test
    void idxMistakesAreOneLineNamingTheFile(@TempDir Path tmp) throws IOException {
        writeIdxSet(tmp, false);
        Path labels = tmp.resolve("train-labels-idx1-ubyte");
        write(labels, idx(1, new int[] {3}, new byte[] {1, 12, 3}), false);
        assertEquals(labels + ": label 12 of item 1 is out of range [0, 10)", message(() -> IdxFiles.read(tmp, true, "toy")));
        write(labels, idx(1, new int[] {4}, new byte[] {1, 2, 3}), false);
        assertEquals(labels + " is truncated: it ends before the data its header announces", message(() -> IdxFiles.read(tmp, true, "toy")));
        write(labels, idx(1, new int[] {2}, new byte[] {1, 2}), false);
        assertEquals(tmp.resolve("train-images-idx3-ubyte") + " has 3 images but " + labels + " has 2 labels",
                message(() -> IdxFiles.read(tmp, true, "toy")));
        write(labels, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, false);
        assertEquals(labels + " is not an unsigned-byte IDX file (magic number 0x1020304, expected 0x00000801)",
                message(() -> IdxFiles.read(tmp, true, "toy")));
        Files.delete(labels);
        assertEquals(tmp + " has no train-labels-idx1-ubyte.gz or train-labels-idx1-ubyte", message(() -> IdxFiles.read(tmp, true, "toy")));
        assertEquals("data directory " + tmp.resolve("nope") + " does not exist", message(() -> IdxFiles.read(tmp.resolve("nope"), true, "toy")));
    }

    static byte[] cifarRecords(int n, int labelBytes, int labelValue) {
        int rec = labelBytes + CifarFiles.PIXELS;
        byte[] b = new byte[n * rec];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < labelBytes; l++) {
                b[i * rec + l] = (byte) (labelValue + i + l);
            }
            for (int k = 0; k < CifarFiles.PIXELS; k++) {
                b[i * rec + labelBytes + k] = (byte) (k + i);
            }
        }
        return b;
    }

    @Test
    void readsCifar10And100(@TempDir Path tmp) throws IOException {
        for (int b = 1; b <= 5; b++) {
            Files.write(tmp.resolve("data_batch_" + b + ".bin"), cifarRecords(2, 1, b));
        }
        Files.write(tmp.resolve("test_batch.bin"), cifarRecords(3, 1, 0));
        ImageSet train = CifarFiles.cifar10(tmp, true);
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, train.labels());
        assertEquals((1025 + 1) & 0xff, train.pixel(1, 1025)); // record 1 of batch 1: pixel k is k + 1
        assertEquals(3, CifarFiles.cifar10(tmp, false).size());
        // CIFAR-100: coarse label first, fine label second (used)
        Files.write(tmp.resolve("train.bin"), cifarRecords(4, 2, 50));
        ImageSet c100 = CifarFiles.cifar100(tmp, true);
        assertEquals(100, c100.classes());
        assertArrayEquals(new int[] {51, 52, 53, 54}, c100.labels());
    }

    @Test
    void cifarMistakesAreOneLineNamingTheFile(@TempDir Path tmp) throws IOException {
        Path test = tmp.resolve("test_batch.bin");
        assertEquals(test + " does not exist (CIFAR-10 test needs [test_batch.bin])", message(() -> CifarFiles.cifar10(tmp, false)));
        Files.write(test, new byte[3073 * 2 + 5]);
        assertEquals(test + " has 6151 bytes, not a whole number of 3073-byte records", message(() -> CifarFiles.cifar10(tmp, false)));
        Files.write(test, cifarRecords(2, 1, 9)); // labels 9 and 10
        assertEquals(test + ": label 10 of record 1 is out of range [0, 10)", message(() -> CifarFiles.cifar10(tmp, false)));
    }

    @Test
    void subsetsAreSeededAndStatisticsAreOfTheScaledPixels(@TempDir Path tmp) throws IOException {
        Files.write(tmp.resolve("test_batch.bin"), cifarRecords(6, 1, 0));
        ImageSet all = CifarFiles.cifar10(tmp, false);
        ImageSet a = all.subset(4, 11);
        ImageSet b = all.subset(4, 11);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(4, java.util.Arrays.stream(a.labels()).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> all.subset(7, 1));
        double[][] st = all.channelStats();
        // channel 0 of image i holds (k + i) mod 256 for k < 1024: its mean over images and pixels, scaled
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 1024; k++) {
                sum += ((k + i) & 0xff) / 255.0;
            }
        }
        assertEquals(sum / (6 * 1024), st[0][0], 1e-12);
        assertTrue(st[1][0] > 0.2 && st[1][0] < 0.35, "std " + st[1][0]);
    }

    @Test
    void realFashionMnistWhereInstalled() {
        if (!Files.isDirectory(IdxFiles.FASHION_MNIST)) {
            return; // .ci/run installs Debian's dataset-fashion-mnist; elsewhere the generated files above cover the reader
        }
        ImageSet train = IdxFiles.read(IdxFiles.FASHION_MNIST, true, "Fashion-MNIST");
        ImageSet test = IdxFiles.read(IdxFiles.FASHION_MNIST, false, "Fashion-MNIST");
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        int[] counts = new int[10];
        for (int y : train.labels()) {
            counts[y]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, counts);
        // the published normalisation constants of Fashion-MNIST's training set: mean 0.2860, std 0.3530
        double[][] st = train.channelStats();
        assertEquals(0.2860, st[0][0], 5e-5);
        assertEquals(0.3530, st[1][0], 5e-5);
    }

    static String message(Runnable r) {
        return assertThrows(SpecException.class, r::run).getMessage();
    }
}
