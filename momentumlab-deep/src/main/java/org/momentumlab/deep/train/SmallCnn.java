package org.momentumlab.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;

/**
 * A small CNN for CPU-scale image runs (LeNet-like): conv 3×3 (c1 channels, padding 1), ReLU, 2×2
 * max-pool, conv 3×3 (c2), ReLU, 2×2 max-pool, a hidden fully connected layer with ReLU, a linear
 * read-out to the classes; no batch normalisation. θ = [K1 | b1 | K2 | b2 | W3 | b3 | W4 | b4], each
 * weight in torch's order (out, in, kh, kw) or (out, in).
 */
public record SmallCnn(int channels, int height, int width, int classes, int c1, int c2, int hidden) implements DeepNetwork {

    public SmallCnn {
        if (height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("image size " + height + "x" + width + " must be a multiple of 4 (two 2x2 poolings)");
        }
    }

    private int flat() {
        return c2 * (height / 4) * (width / 4);
    }

    @Override
    public List<Shape> parameterShapes() {
        return List.of(new Shape(c1, channels, 3, 3), new Shape(c1), new Shape(c2, c1, 3, 3), new Shape(c2),
                new Shape(hidden, flat()), new Shape(hidden), new Shape(classes, hidden), new Shape(classes));
    }

    @Override
    public NDArray forward(List<NDArray> p, NDArray x) {
        Shape one = new Shape(1, 1);
        Shape pad = new Shape(1, 1);
        Shape two = new Shape(2, 2);
        NDArray h = Conv2d.conv2d(x, p.get(0), p.get(1), one, pad, one, 1).head().maximum(0);
        h = Pool.maxPool2d(h, two, two, new Shape(0, 0), false);
        h = Conv2d.conv2d(h, p.get(2), p.get(3), one, pad, one, 1).head().maximum(0);
        h = Pool.maxPool2d(h, two, two, new Shape(0, 0), false);
        h = h.reshape(h.getShape().get(0), flat());
        h = Linear.linear(h, p.get(4), p.get(5)).head().maximum(0);
        return Linear.linear(h, p.get(6), p.get(7)).head();
    }

    /**
     * He initialisation over θ: every weight of a layer with fan-in F ~ N(0, 2/F) (the read-out
     * N(0, 1/F)), drawn in θ order from {@code rng}; biases 0.
     */
    @Override
    public void initialize(double[] theta, SplittableRandom rng) {
        GaussianSource g = new GaussianSource(rng);
        List<Shape> shapes = parameterShapes();
        int o = 0;
        for (int b = 0; b < shapes.size(); b++) {
            Shape s = shapes.get(b);
            int n = Math.toIntExact(s.size());
            if (b % 2 == 0) {
                long fanIn = s.size() / s.get(0);
                double sd = Math.sqrt((b == shapes.size() - 2 ? 1.0 : 2.0) / fanIn);
                for (int k = 0; k < n; k++) {
                    theta[o + k] = sd * g.next();
                }
            } else {
                java.util.Arrays.fill(theta, o, o + n, 0.0);
            }
            o += n;
        }
    }
}
