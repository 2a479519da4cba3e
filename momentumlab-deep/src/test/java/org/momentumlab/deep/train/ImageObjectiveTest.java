package org.momentumlab.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
