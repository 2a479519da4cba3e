package org.momentumlab.deep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.deep.data.ImageSet;

/**
 * The small CNN's float64 cross-entropy on the engine: its gradient against central finite
 * differences entry by entry, the full-data gradient accumulated over micro-batches against one
 * batch, and the sharpness (Lanczos) of its objective view.
 */
class ImageObjectiveTest {

    static ImageSet randomImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 3 * 8 * 8];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
        }
        return new ImageSet("random", 3, 8, 8, 4, px, labels);
    }

    /** A generator whose draws are fixed: every int the given one, every boolean the given one. */
    record Fixed(int value, boolean bit) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public int nextInt(int bound) {
            return value;
        }

        @Override
        public boolean nextBoolean() {
            return bit;
        }
    }

    @Test
    void augmentationIsACropAndAFlipOfTheImage() {
        int n = 9;
        ImageSet set = randomImages(n, 3);
        int c = 3;
        int h = 8;
        int w = 8;
        byte[] mirrored = new byte[set.pixels().length];
        byte[] shifted = new byte[set.pixels().length]; // content moved by (+1, +1): row y, column x shows pixel (y - 1, x - 1), 0 outside
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int o = ((i * c + ch) * h + y) * w;
                        mirrored[o + x] = set.pixels()[o + w - 1 - x];
                        shifted[o + x] = y == 0 || x == 0 ? 0 : set.pixels()[((i * c + ch) * h + y - 1) * w + x - 1];
                    }
                }
            }
        }
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        try (ImageObjective o = new ImageObjective(net, 8)) {
            double[][] st = set.channelStats(); // one normalisation for all three sets
            ImageObjective.Images plain = o.load(set, st[0], st[1]);
            ImageObjective.Images mirror = o.load(new ImageSet("m", 3, 8, 8, 4, mirrored, set.labels()), st[0], st[1]);
            ImageObjective.Images shift = o.load(new ImageSet("s", 3, 8, 8, 4, shifted, set.labels()), st[0], st[1]);
            double[] theta = new double[o.dimension()];
            net.initialize(theta, new SplittableRandom(3));
            double[] g1 = new double[theta.length];
            double[] g2 = new double[theta.length];
            // pad 2, offsets drawn 2 - 2 = 0, no flip: the plain step, bit for bit
            double l1 = o.step(theta, g1, plain, all, 0, n)[0];
            double l2 = o.augmentedStep(theta, g2, plain, all, 0, n, 2, new Fixed(2, false))[0];
            assertEquals(l1, l2, 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2, 0.0);
            // flipped: the step on the mirrored images
            l1 = o.step(theta, g1, mirror, all, 0, n)[0];
            l2 = o.augmentedStep(theta, g2, plain, all, 0, n, 2, new Fixed(2, true))[0];
            assertEquals(l1, l2, 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2, 0.0);
            // offset drawn 1 - 2 = -1 in both axes: the crop shows the image moved by (+1, +1) with zero padding
            l1 = o.step(theta, g1, shift, all, 0, n)[0];
            l2 = o.augmentedStep(theta, g2, plain, all, 0, n, 2, new Fixed(1, false))[0];
            assertEquals(l1, l2, 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2, 0.0);
        }
    }

    /**
     * float32 follows float64 along steps of one objective: the losses of eight GD steps agree to
     * 1e-5 and the gradients to 1e-4 of their largest entry. (Fails where the engine reads freed
     * memory or PyTorch's AVX2/AVX-512 convolution kernels are used: see DeepEngine.ONEDNN_ISA.)
     */
    @Test
    void float32FollowsFloat64AlongTraining() {
        int n = 40;
        ImageSet set = randomImages(n, 9);
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        double[][] losses = new double[2][8];
        double[][] lastGrad = new double[2][];
        ai.djl.ndarray.types.DataType[] types = {ai.djl.ndarray.types.DataType.FLOAT64, ai.djl.ndarray.types.DataType.FLOAT32};
        for (int t = 0; t < 2; t++) {
            try (ImageObjective o = new ImageObjective(net, 16, ai.djl.Device.cpu(), types[t])) {
                double[][] st = set.channelStats();
                ImageObjective.Images data = o.load(set, st[0], st[1]);
                scribbleOverFreedMemory(n * 3 * 8 * 8 * 4);
                double[] theta = new double[o.dimension()];
                net.initialize(theta, new SplittableRandom(3));
                double[] g = new double[theta.length];
                for (int k = 0; k < 8; k++) {
                    scribbleOverFreedMemory(theta.length * 4);
                    losses[t][k] = o.step(theta, g, data, all, 0, n)[0];
                    for (int i = 0; i < theta.length; i++) {
                        theta[i] -= 0.05 * g[i];
                    }
                }
                lastGrad[t] = g;
            }
        }
        double scale = 0;
        for (double v : lastGrad[0]) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(losses[0][k], losses[1][k], 1e-5 * losses[0][k], "loss of step " + k);
        }
        for (int i = 0; i < lastGrad[0].length; i++) {
            assertEquals(lastGrad[0][i], lastGrad[1][i], 1e-4 * scale, "gradient entry " + i);
        }
    }

    /** Lets the collector free unreachable direct buffers, then fills fresh ones of {@code bytes} with 0x7f (NaN-like floats) where they were. */
    static void scribbleOverFreedMemory(int bytes) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int k = 0; k < 8; k++) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(bytes);
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f);
                }
            }
        }
    }

    @Test
    void fullGradientOverMicroBatchesIsTheOneBatchGradient() {
        int n = 37;
        ImageSet set = randomImages(n, 2);
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        try (ImageObjective o = new ImageObjective(net, 8)) { // micro-batches of 8: 8+8+8+8+5
            double[][] st = set.channelStats();
            ImageObjective.Images data = o.load(set, st[0], st[1]);
            double[] theta = new double[o.dimension()];
            net.initialize(theta, new SplittableRandom(3));
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            double[] g1 = new double[theta.length];
            double[] one = o.step(theta, g1, data, all, 0, n);
            double[] g2 = new double[theta.length];
            double[] acc = o.fullGradient(theta, g2, data, null);
            assertEquals(one[0], acc[0], 1e-14);
            assertEquals(one[1], acc[1]);
            double scale = 0;
            for (double v : g1) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < g1.length; i++) {
                assertEquals(g1[i], g2[i], 1e-13 * scale, "entry " + i);
            }
            int[] some = {3, 1, 4, 15, 9, 26};
            double[] g3 = new double[theta.length];
            double[] sub = o.fullGradient(theta, g3, data, some);
            double[] g4 = new double[theta.length];
            assertEquals(o.step(theta, g4, data, some, 0, some.length)[0], sub[0], 1e-14);
        }
    }

    /**
     * Accuracy on the marked images: the count of the marked ones right, checked against evaluating
     * the marked and the other images as sets of their own (micro-batches crossing the mark boundary).
     */
    @Test
    void evaluatesTheMarkedSubsetApart() {
        int n = 41;
        ImageSet set = randomImages(n, 8);
        org.momentumlab.deep.data.Degradation.Marked marked = new org.momentumlab.deep.data.Degradation(0.3, 2, 0.005, true).apply(set, 4);
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        try (ImageObjective o = new ImageObjective(net, 6)) {
            double[][] st = marked.images().channelStats();
            double[] theta = new double[o.dimension()];
            net.initialize(theta, new SplittableRandom(3));
            double[] all = o.evaluate(theta, o.load(marked, st[0], st[1]));
            int k = marked.count();
            assertEquals(12, k);
            int[] in = java.util.stream.IntStream.range(0, n).filter(i -> marked.marked()[i]).toArray();
            int[] out = java.util.stream.IntStream.range(0, n).filter(i -> !marked.marked()[i]).toArray();
            double[] onMarked = o.evaluate(theta, o.load(pick(marked.images(), in), st[0], st[1]));
            double[] onOthers = o.evaluate(theta, o.load(pick(marked.images(), out), st[0], st[1]));
            assertEquals(onMarked[1], all[3], 0.0);
            assertEquals(onOthers[1], all[4], 0.0);
            assertEquals(onMarked[0], all[2], 1e-12);
            assertEquals((onMarked[1] * k + onOthers[1] * (n - k)) / n, all[1], 1e-15);
            double[] plain = o.evaluate(theta, o.load(marked.images(), st[0], st[1]));
            assertEquals(all[0], plain[0], 0.0); // the marks change no overall value
            assertEquals(all[1], plain[1], 0.0);
            assertTrue(Double.isNaN(plain[2]) && Double.isNaN(plain[3]) && Double.isNaN(plain[4]));
        }
    }

    static ImageSet pick(ImageSet s, int[] idx) {
        int per = s.imageSize();
        byte[] px = new byte[idx.length * per];
        int[] lb = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(s.pixels(), idx[i] * per, px, i * per, per);
            lb[i] = s.labels()[idx[i]];
        }
        return new ImageSet("picked", s.channels(), s.height(), s.width(), s.classes(), px, lb);
    }

    /**
     * Batch normalisation: a training step updates the running averages (momentum 0.1 from 0 and 1),
     * evaluation uses and keeps them, and they round-trip through {@code buffers()} exactly.
     */
    @Test
    void batchNormRunningAveragesAreStateOutsideTheta() {
        int n = 16;
        ImageSet set = randomImages(n, 5);
        CifarNet net = new CifarNet(CifarNet.Arch.RESNET18, true, 3, 4, 32);
        for (ai.djl.ndarray.types.DataType type : new ai.djl.ndarray.types.DataType[] {ai.djl.ndarray.types.DataType.FLOAT64,
                ai.djl.ndarray.types.DataType.FLOAT32}) {
            try (ImageObjective o = new ImageObjective(net, 8, ai.djl.Device.cpu(), type)) {
                double[][] st = set.channelStats();
                ImageObjective.Images data = o.load(set, st[0], st[1]);
                double[] theta = new double[o.dimension()];
                net.initialize(theta, new SplittableRandom(3));
                double[] b0 = o.buffers();
                assertEquals(2 * (2 + 4 * 2 + 5 * 4 + 5 * 8 + 5 * 16), b0.length); // a mean and a variance per normalised channel (widths 2-4-8-16)
                assertEquals(0.0, b0[0]);
                double[] e0 = o.evaluate(theta, data);
                assertArrayEquals(b0, o.buffers(), 0.0, "evaluation leaves the running averages alone");
                int[] all = java.util.stream.IntStream.range(0, n).toArray();
                o.step(theta, new double[theta.length], data, all, 0, n);
                double[] b1 = o.buffers();
                assertTrue(java.util.Arrays.stream(b1).anyMatch(v -> v != 0 && v != 1), "a training step moves them");
                double[] e1 = o.evaluate(theta, data);
                assertTrue(e1[0] != e0[0], "evaluation reads the running averages");
                o.resetBuffers();
                assertArrayEquals(b0, o.buffers(), 0.0);
                assertEquals(e0[0], o.evaluate(theta, data)[0], 0.0);
                o.buffers(b1);
                assertArrayEquals(b1, o.buffers(), 0.0);
                assertEquals(e1[0], o.evaluate(theta, data)[0], 0.0);
            }
        }
    }

    /** The objective view the sharpness probe uses: Lanczos's top eigenvalue checked by its residual, recomputed here, and by Rayleigh quotients. */
    @Test
    void sharpnessOfTheSmallCnnIsTheTopEigenvalue() {
        int n = 21;
        ImageSet set = randomImages(n, 4);
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        try (ImageObjective o = new ImageObjective(net, 8)) {
            double[][] st = set.channelStats();
            ImageObjective.Images data = o.load(set, st[0], st[1]);
            double[] theta = new double[o.dimension()];
            net.initialize(theta, new SplittableRandom(5));
            org.momentumlab.model.Objective f = o.on(data, null);
            var top = new org.momentumlab.flow.Sharpness(1e-6, 60, 7).top(f, theta);
            double lambda = top.eigenvalue();
            double[] v = top.eigenvector();
            double[] hv = new double[theta.length];
            f.hessianVectorProduct(theta, v, hv);
            double res = 0;
            double vv = 0;
            for (int i = 0; i < theta.length; i++) {
                res += (hv[i] - lambda * v[i]) * (hv[i] - lambda * v[i]);
                vv += v[i] * v[i];
            }
            assertEquals(1.0, vv, 1e-9);
            org.junit.jupiter.api.Assertions.assertTrue(lambda > 0 && Math.sqrt(res) < 1e-4 * lambda, lambda + " residual " + Math.sqrt(res));
            SplittableRandom r = new SplittableRandom(8);
            for (int k = 0; k < 5; k++) {
                double[] u = r.doubles(theta.length, -1, 1).toArray();
                double[] hu = new double[theta.length];
                f.hessianVectorProduct(theta, u, hu);
                double uhu = 0;
                double uu = 0;
                for (int i = 0; i < theta.length; i++) {
                    uhu += u[i] * hu[i];
                    uu += u[i] * u[i];
                }
                org.junit.jupiter.api.Assertions.assertTrue(uhu / uu <= lambda * (1 + 1e-6), "Rayleigh quotient " + uhu / uu + " above " + lambda);
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesInFloat64() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 37;
        byte[] px = new byte[n * 3 * 8 * 8];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
        }
        ImageSet set = new ImageSet("random", 3, 8, 8, 4, px, labels);
        SmallCnn net = new SmallCnn(3, 8, 8, 4, 4, 6, 10);
        try (ImageObjective o = new ImageObjective(net, 10)) {
            double[][] st = set.channelStats();
            ImageObjective.Images data = o.load(set, st[0], st[1]);
            double[] theta = new double[o.dimension()];
            net.initialize(theta, new SplittableRandom(3));
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            double[] g = new double[theta.length];
            double loss = o.step(theta, g, data, all, 0, n)[0];
            assertEquals(o.evaluate(theta, data)[0], loss, 1e-13);
            // entries of every block: first and second convolution, hidden and read-out layers, biases
            int[] entries = {0, 1, 50, 107, 108, 300, 330, 340, 380, theta.length - 1};
            for (int k : entries) {
                double h = 1e-6;
                double[] p = theta.clone();
                p[k] += h;
                double up = o.evaluate(p, data)[0];
                p[k] -= 2 * h;
                double down = o.evaluate(p, data)[0];
                assertEquals((up - down) / (2 * h), g[k], 1e-7 + 1e-6 * Math.abs(g[k]), "entry " + k);
            }
        }
    }
}
