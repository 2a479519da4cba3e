package org.momentumlab.deep.data;

import java.util.SplittableRandom;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;
import org.momentumlab.util.GaussianSource;

/**
 * Jelassi &amp; Li's artificial small-margin data (ICML 2022, Figure 4): a seeded {@code fraction} of
 * the images is degraded and marked. Each marked image, with its pixels scaled to [0, 1], is (1)
 * lowered in resolution — averaged over {@code factor}×{@code factor} blocks (the last block of a
 * row or column is smaller when the size is not a multiple) and blown back up by repeating each
 * block's mean —, (2) given Gaussian noise of variance {@code noise_variance} per pixel, clipped to
 * [0, 1], (3) given a uniformly random permutation of its channels (on grey images, one channel, that
 * is the identity: the permutation does not apply), and (4) rounded back to 8 bits (the rounding adds a
 * variance of about 1.3e-6, negligible next to 0.005). The images to degrade and every draw come from
 * one seeded stream, image by image in index order.
 */
public record Degradation(@Doc("fraction of the images degraded and marked (0 = none; Jelassi & Li: 0.1)") double fraction,
                          @Doc("lower resolution: mean over factor x factor blocks, then each block repeated (1 = keep)") int factor,
                          @Doc("variance of the Gaussian noise added to the [0, 1] pixels (Jelassi & Li: 0.005)") double noiseVariance,
                          @Doc("permute the colour channels of each degraded image at random (no effect on grey images)")
                          boolean permuteChannels) {

    public static final Degradation NONE = new Degradation(0, 2, 0.005, true);

    public Degradation {
        Check.closed("fraction", fraction, 0, 1);
        Check.atLeast("factor", factor, 1);
        Check.nonNegative("noise_variance", noiseVariance);
    }

    /** Images with a mark per image (true = degraded). */
    public record Marked(ImageSet images, boolean[] marked) {
        public int count() {
            int c = 0;
            for (boolean b : marked) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }

    /** Whether any image is degraded. */
    public boolean active() {
        return fraction > 0;
    }

    /** Degrades round(fraction · n) images of {@code set} chosen with {@code seed}; the others are unchanged. */
    public Marked apply(ImageSet set, long seed) {
        int n = set.size();
        boolean[] marked = new boolean[n];
        int k = (int) Math.round(fraction * n);
        if (k == 0) {
            return new Marked(set, marked);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) { // partial Fisher–Yates: the marked images
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            marked[order[i]] = true;
        }
        byte[] px = set.pixels().clone();
        GaussianSource g = new GaussianSource(rng);
        double sd = Math.sqrt(noiseVariance);
        int c = set.channels();
        int h = set.height();
        int w = set.width();
        double[] v = new double[c * h * w];
        int[] perm = new int[c];
        for (int i = 0; i < n; i++) {
            if (!marked[i]) {
                continue;
            }
            int base = i * v.length;
            for (int ch = 0; ch < c; ch++) {
                for (int y0 = 0; y0 < h; y0 += factor) {
                    for (int x0 = 0; x0 < w; x0 += factor) {
                        int y1 = Math.min(h, y0 + factor);
                        int x1 = Math.min(w, x0 + factor);
                        double s = 0;
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                s += (px[base + (ch * h + y) * w + x] & 0xff) / 255.0;
                            }
                        }
                        double mean = s / ((y1 - y0) * (x1 - x0));
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                v[(ch * h + y) * w + x] = mean;
                            }
                        }
                    }
                }
            }
            for (int p = 0; p < v.length; p++) {
                v[p] = Math.min(1, Math.max(0, v[p] + sd * g.next()));
            }
            for (int ch = 0; ch < c; ch++) {
                perm[ch] = ch;
            }
            if (permuteChannels) {
                for (int ch = c - 1; ch > 0; ch--) {
                    int j = rng.nextInt(ch + 1);
                    int t = perm[ch];
                    perm[ch] = perm[j];
                    perm[j] = t;
                }
            }
            int hw = h * w;
            for (int ch = 0; ch < c; ch++) { // output channel ch is degraded input channel perm[ch]
                for (int p = 0; p < hw; p++) {
                    px[base + ch * hw + p] = (byte) Math.round(255 * v[perm[ch] * hw + p]);
                }
            }
        }
        return new Marked(new ImageSet(set.name() + " (" + k + " degraded)", c, h, w, set.classes(), px, set.labels()), marked);
    }
}
