package org.momentumlab.deep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Jelassi & Li's small-margin corruption: which images, each step of the degradation, and its draws. */
class DegradationTest {

    static ImageSet random(int n, int c, int h, int w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * c * h * w];
        int[] labels = new int[n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return new ImageSet("random", c, h, w, 10, px, labels);
    }

    private static byte[] image(ImageSet s, int i) {
        int per = s.imageSize();
        return Arrays.copyOfRange(s.pixels(), i * per, (i + 1) * per);
    }

    @Test
    void marksTheRoundedFractionAndLeavesTheOthersUnchanged() {
        ImageSet set = random(95, 3, 8, 8, 1);
        Degradation.Marked m = new Degradation(0.1, 2, 0.005, true).apply(set, 7);
        assertEquals(10, m.count()); // round(9.5) = 10
        assertArrayEquals(set.labels(), m.images().labels());
        for (int i = 0; i < set.size(); i++) {
            if (!m.marked()[i]) {
                assertArrayEquals(image(set, i), image(m.images(), i), "image " + i);
            } else {
                assertNotEquals(Arrays.toString(image(set, i)), Arrays.toString(image(m.images(), i)), "image " + i);
            }
        }
        Degradation.Marked again = new Degradation(0.1, 2, 0.005, true).apply(set, 7);
        assertArrayEquals(m.marked(), again.marked());
        assertArrayEquals(m.images().pixels(), again.images().pixels());
        assertNotEquals(Arrays.toString(m.marked()), Arrays.toString(new Degradation(0.1, 2, 0.005, true).apply(set, 8).marked()));
        assertEquals(0, Degradation.NONE.apply(set, 7).count());
        assertTrue(Degradation.NONE.apply(set, 7).images() == set);
    }

    /** Without noise or permutation: every factor x factor block (the last ones smaller) holds its rounded mean. */
    @Test
    void lowersTheResolutionByBlockMeans() {
        ImageSet set = random(4, 1, 5, 5, 2);
        Degradation.Marked m = new Degradation(1, 2, 0, false).apply(set, 3);
        for (int i = 0; i < 4; i++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    int y0 = y / 2 * 2;
                    int x0 = x / 2 * 2;
                    double s = 0;
                    int k = 0;
                    for (int yy = y0; yy < Math.min(5, y0 + 2); yy++) {
                        for (int xx = x0; xx < Math.min(5, x0 + 2); xx++) {
                            s += set.pixel(i, yy * 5 + xx);
                            k++;
                        }
                    }
                    assertEquals(Math.round(s / k), m.images().pixel(i, y * 5 + x), "image " + i + " (" + y + ", " + x + ")");
                }
            }
        }
        // factor 1 and no noise: the image is unchanged, however it was marked
        assertArrayEquals(set.pixels(), new Degradation(1, 1, 0, false).apply(set, 3).images().pixels());
    }

    /** Factor 1 and no noise: each degraded image is its channels permuted, each of the 6 permutations appearing. */
    @Test
    void permutesTheChannels() {
        ImageSet set = random(300, 3, 4, 4, 4);
        Degradation.Marked m = new Degradation(1, 1, 0, true).apply(set, 5);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            byte[] a = image(set, i);
            byte[] b = image(m.images(), i);
            int[] perm = new int[3];
            for (int ch = 0; ch < 3; ch++) {
                perm[ch] = -1;
                for (int src = 0; src < 3; src++) {
                    if (Arrays.equals(Arrays.copyOfRange(b, ch * 16, ch * 16 + 16), Arrays.copyOfRange(a, src * 16, src * 16 + 16))) {
                        perm[ch] = src;
                    }
                }
                assertTrue(perm[ch] >= 0, "image " + i + " channel " + ch + " is one of the input channels");
            }
            seen.add(Arrays.toString(perm));
        }
        assertEquals(6, seen.size(), seen.toString());
        // a grey image has one channel: the permutation does not apply
        ImageSet grey = random(10, 1, 4, 4, 6);
        assertArrayEquals(grey.pixels(), new Degradation(1, 1, 0, true).apply(grey, 5).images().pixels());
    }

    /** Mid-grey images with noise of variance v: the pixel variance is v (plus 8-bit rounding), the mean unchanged. */
    @Test
    void addsGaussianNoiseOfTheGivenVariance() {
        int n = 50;
        byte[] px = new byte[n * 32 * 32];
        Arrays.fill(px, (byte) 128);
        ImageSet grey = new ImageSet("grey", 1, 32, 32, 10, px, new int[n]);
        Degradation.Marked m = new Degradation(1, 2, 0.005, false).apply(grey, 9);
        double mean = 0;
        double sq = 0;
        for (int k = 0; k < px.length; k++) {
            double v = (m.images().pixels()[k] & 0xff) / 255.0 - 128 / 255.0;
            mean += v / px.length;
            sq += v * v / px.length;
        }
        double var = sq - mean * mean;
        // 51 200 draws: the sample variance's relative std is sqrt(2/51 200) = 0.6 %; rounding adds 1/12/255² = 1.3e-6
        assertEquals(0.005 + 1.0 / 12 / 255 / 255, var, 0.005 * 0.03);
        assertEquals(0, mean, 0.001);
    }

    @Test
    void refusesBadSettings() {
        assertEquals("fraction = 1.5 is out of range: must be in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> new Degradation(1.5, 2, 0.005, true)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0.1, 0, 0.005, true));
        assertThrows(IllegalArgumentException.class, () -> new Degradation(0.1, 2, -1, true));
    }
}
