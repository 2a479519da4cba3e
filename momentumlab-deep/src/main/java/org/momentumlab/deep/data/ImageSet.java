package org.momentumlab.deep.data;

import java.util.SplittableRandom;

/**
 * Labelled images as read from disk: n images of {@code channels × height × width} bytes (0..255,
 * channel-major per image, as in the IDX and CIFAR files) and a class label in [0, classes) each.
 * Immutable; {@link #subset} draws a seeded subset.
 *
 * @param pixels n·c·h·w bytes, image i at {@code i·c·h·w}
 */
public record ImageSet(String name, int channels, int height, int width, int classes, byte[] pixels, int[] labels) {

    public ImageSet {
        long per = (long) channels * height * width;
        if (per * labels.length != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + pixels.length + " pixel bytes of "
                    + channels + "x" + height + "x" + width + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " is out of range [0, " + classes + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    /** Bytes per image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Pixel k (channel-major) of image i, 0..255. */
    public int pixel(int i, int k) {
        return pixels[i * imageSize() + k] & 0xff;
    }

    /** {@code count} images drawn without replacement from a seeded permutation (their order kept as drawn). */
    public ImageSet subset(int count, long seed) {
        if (count < 1 || count > size()) {
            throw new IllegalArgumentException(name + ": a subset of " + count + " images is out of range [1, " + size() + "]");
        }
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) { // partial Fisher–Yates
            int j = i + rng.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int per = imageSize();
        byte[] px = new byte[count * per];
        int[] lb = new int[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, order[i] * per, px, i * per, per);
            lb[i] = labels[order[i]];
        }
        return new ImageSet(name + " (subset of " + count + ")", channels, height, width, classes, px, lb);
    }

    /** Per-channel mean and standard deviation of the pixels scaled to [0, 1] (for normalisation): {means, stds}. */
    public double[][] channelStats() {
        int hw = height * width;
        double[] mean = new double[channels];
        double[] sq = new double[channels];
        for (int i = 0; i < size(); i++) {
            for (int ch = 0; ch < channels; ch++) {
                int base = i * imageSize() + ch * hw;
                for (int k = 0; k < hw; k++) {
                    double v = (pixels[base + k] & 0xff) / 255.0;
                    mean[ch] += v;
                    sq[ch] += v * v;
                }
            }
        }
        double count = (double) size() * hw;
        double[] std = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            mean[ch] /= count;
            std[ch] = Math.sqrt(Math.max(0, sq[ch] / count - mean[ch] * mean[ch]));
        }
        return new double[][] {mean, std};
    }
}
