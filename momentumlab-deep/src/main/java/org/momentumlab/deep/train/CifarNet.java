package org.momentumlab.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.momentumlab.util.GaussianSource;

/**
 * The CIFAR networks of Jelassi &amp; Li (ICML 2022, Figure 1) as functions of a flat θ, with batch
 * normalisation optional (off in the paper): ResNet-18 with the CIFAR stem (3×3 convolution, no
 * max-pool; basic blocks 64-128-256-512, two per stage, 1×1 projection shortcuts), WideResNet-16-8
 * (pre-activation, widths 16-128-256-512, two blocks per group) and VGG-19 (16 3×3 convolutions,
 * max-pooling after each stage, one linear read-out). Convolutions carry a bias exactly when there is
 * no batch normalisation after them. θ lists each layer's weight (torch order), then its bias or the
 * normalisation's γ and β, in execution order. Running means and variances of the normalisations are
 * buffers owned by the network (not in θ), updated in training mode.
 */
public final class CifarNet implements DeepNetwork {
    /** The architectures. */
    public enum Arch { RESNET18, WRN16_8, VGG19 }

    private static final int[] VGG19 = {64, 64, -1, 128, 128, -1, 256, 256, 256, 256, -1, 512, 512, 512, 512, -1, 512, 512, 512, 512, -1};

    private final Arch arch;
    private final boolean batchNorm;
    private final int classes;
    private final int inChannels;
    private final int divisor;
    private final List<Shape> shapes = new ArrayList<>();
    /** Per θ block: 0 weight (He), 1 bias (0), 2 normalisation scale γ (1), 3 normalisation shift β (0). */
    private final List<Integer> roles = new ArrayList<>();
    private final List<Integer> bnChannels = new ArrayList<>();
    private List<NDArray[]> running;
    private boolean training = true;

    /** The published network on colour images (3 channels), at its published widths. */
    public CifarNet(Arch arch, boolean batchNorm, int classes) {
        this(arch, batchNorm, 3, classes, 1);
    }

    /**
     * The network on images of {@code inChannels} channels, with every layer's channel count divided
     * by {@code widthDivisor} (at least 1 each): a narrow copy of the same architecture for CPU-scale
     * runs and tests (1 = the published widths).
     */
    public CifarNet(Arch arch, boolean batchNorm, int inChannels, int classes, int widthDivisor) {
        if (widthDivisor < 1 || inChannels < 1 || classes < 1) {
            throw new IllegalArgumentException("width divisor " + widthDivisor + ", " + inChannels + " input channels, " + classes + " classes: each must be >= 1");
        }
        this.arch = arch;
        this.batchNorm = batchNorm;
        this.classes = classes;
        this.inChannels = inChannels;
        this.divisor = widthDivisor;
        Cursor c = new Cursor(null);
        network(c, null);
    }

    /** A published channel count at this network's width. */
    private int ch(int published) {
        return Math.max(1, published / divisor);
    }

    public Arch arch() {
        return arch;
    }

    public boolean batchNorm() {
        return batchNorm;
    }

    /** Training mode (batch statistics, running averages updated) or evaluation mode (running averages). */
    @Override
    public void training(boolean on) {
        this.training = on;
    }

    /** Number of parameters (θ's length). */
    public long parameterCount() {
        return shapes.stream().mapToLong(Shape::size).sum();
    }

    @Override
    public List<Shape> parameterShapes() {
        return List.copyOf(shapes);
    }

    @Override
    public NDArray forward(List<NDArray> params, NDArray x) {
        if (batchNorm && running == null) {
            throw new IllegalStateException("call buffers(manager) before the first forward pass of a network with batch normalisation");
        }
        return network(new Cursor(params), x);
    }

    /** Creates the normalisations' running means (0) and variances (1) in {@code manager}, in float32. */
    public void buffers(NDManager manager) {
        buffers(manager, DataType.FLOAT32);
    }

    /** Creates the normalisations' running means (0) and variances (1) in {@code manager}, in {@code type}. */
    public void buffers(NDManager manager, DataType type) {
        running = new ArrayList<>();
        for (int ch : bnChannels) {
            running.add(new NDArray[] {manager.zeros(new Shape(ch), type), manager.ones(new Shape(ch), type)});
        }
    }

    @Override
    public List<NDArray> buffers() {
        List<NDArray> out = new ArrayList<>();
        if (running != null) {
            for (NDArray[] r : running) {
                out.add(r[0]);
                out.add(r[1]);
            }
        }
        return out;
    }

    @Override
    public void createBuffers(NDManager manager, DataType type) {
        if (batchNorm) {
            buffers(manager, type);
        }
    }

    /** He initialisation over θ: weights N(0, 2/fan-in) drawn in θ order from {@code rng}; biases and β 0; γ 1. */
    @Override
    public void initialize(double[] theta, SplittableRandom rng) {
        GaussianSource g = new GaussianSource(rng);
        int o = 0;
        for (int b = 0; b < shapes.size(); b++) {
            Shape s = shapes.get(b);
            int n = Math.toIntExact(s.size());
            int role = roles.get(b);
            double sd = role == 0 ? Math.sqrt(2.0 / (s.size() / s.get(0))) : 0;
            for (int k = 0; k < n; k++) {
                theta[o + k] = role == 0 ? sd * g.next() : role == 2 ? 1 : 0;
            }
            o += n;
        }
    }

    /** Walks θ in order: registers shapes when constructing (no arrays), else takes the next arrays. */
    private final class Cursor {
        final List<NDArray> params;
        int next;
        int bn;

        Cursor(List<NDArray> params) {
            this.params = params;
        }

        NDArray take(Shape s, int role) {
            if (params == null) {
                shapes.add(s);
                roles.add(role);
                return null;
            }
            return params.get(next++);
        }
    }

    private NDArray conv(Cursor c, NDArray x, int in, int out, int k, int stride, boolean bias) {
        NDArray w = c.take(new Shape(out, in, k, k), 0);
        NDArray b = bias ? c.take(new Shape(out), 1) : null;
        if (x == null) {
            return null;
        }
        int p = k / 2;
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(p, p), new Shape(1, 1), 1).head();
    }

    /** Convolution, then normalisation if on (the convolution has a bias otherwise). */
    private NDArray convNorm(Cursor c, NDArray x, int in, int out, int k, int stride) {
        return norm(c, conv(c, x, in, out, k, stride, !batchNorm), out);
    }

    private NDArray norm(Cursor c, NDArray x, int ch) {
        if (!batchNorm) {
            return x;
        }
        NDArray gamma = c.take(new Shape(ch), 2);
        NDArray beta = c.take(new Shape(ch), 3);
        if (c.params == null) {
            bnChannels.add(ch);
            return null;
        }
        NDArray[] r = running.get(c.bn++);
        return BatchNorm.batchNorm(x, r[0], r[1], gamma, beta, 1, 0.1f, 1e-5f, training).head();
    }

    private static NDArray relu(NDArray x) {
        return x == null ? null : ai.djl.nn.Activation.relu(x);
    }

    private NDArray linear(Cursor c, NDArray x, int in, int out) {
        NDArray w = c.take(new Shape(out, in), 0);
        NDArray b = c.take(new Shape(out), 1);
        return x == null ? null : Linear.linear(x, w, b).head();
    }

    private NDArray network(Cursor c, NDArray x) {
        return switch (arch) {
            case RESNET18 -> resnet18(c, x);
            case WRN16_8 -> wideResNet(c, x, 16, 8);
            case VGG19 -> vgg19(c, x);
        };
    }

    private NDArray resnet18(Cursor c, NDArray x) {
        NDArray h = relu(convNorm(c, x, inChannels, ch(64), 3, 1));
        int in = ch(64);
        int[] widths = {ch(64), ch(128), ch(256), ch(512)};
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < 2; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                int out = widths[s];
                NDArray y = relu(convNorm(c, h, in, out, 3, stride));
                y = convNorm(c, y, out, out, 3, 1);
                NDArray shortcut = stride != 1 || in != out ? convNorm(c, h, in, out, 1, stride) : h;
                h = y == null ? null : relu(y.add(shortcut));
                in = out;
            }
        }
        h = h == null ? null : Pool.globalAvgPool2d(h);
        return linear(c, h, in, classes);
    }

    /** Pre-activation WideResNet-(depth)-(k): (depth − 4)/6 blocks per group, widths 16k, 32k, 64k. */
    private NDArray wideResNet(Cursor c, NDArray x, int depth, int k) {
        int n = (depth - 4) / 6;
        NDArray h = conv(c, x, inChannels, ch(16), 3, 1, !batchNorm);
        int in = ch(16);
        int[] widths = {ch(16 * k), ch(32 * k), ch(64 * k)};
        for (int g = 0; g < 3; g++) {
            for (int b = 0; b < n; b++) {
                int stride = g > 0 && b == 0 ? 2 : 1;
                int out = widths[g];
                NDArray a = relu(norm(c, h, in));
                NDArray y = conv(c, a, in, out, 3, stride, !batchNorm);
                y = relu(norm(c, y, out));
                y = conv(c, y, out, out, 3, 1, !batchNorm);
                NDArray shortcut = in != out || stride != 1 ? conv(c, a, in, out, 1, stride, !batchNorm) : h;
                h = y == null ? null : y.add(shortcut);
                in = out;
            }
        }
        h = relu(norm(c, h, in));
        h = h == null ? null : Pool.globalAvgPool2d(h);
        return linear(c, h, in, classes);
    }

    private NDArray vgg19(Cursor c, NDArray x) {
        NDArray h = x;
        int in = inChannels;
        for (int v : VGG19) {
            if (v < 0) {
                h = h == null ? null : Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            } else {
                h = relu(convNorm(c, h, in, ch(v), 3, 1));
                in = ch(v);
            }
        }
        h = h == null ? null : h.reshape(h.getShape().get(0), in); // 32x32 images: 1x1 after five poolings
        return linear(c, h, in, classes);
    }
}
