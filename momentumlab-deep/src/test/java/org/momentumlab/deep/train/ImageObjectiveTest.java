package org.momentumlab.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.deep.data.ImageSet;

/** The small CNN's float64 cross-entropy gradient on the engine against central finite differences, entry by entry. */
class ImageObjectiveTest {

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
