package org.momentumlab.model.nets;

import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The architecture of a teacher or student network of the Gaussian teacher-student experiment
 * (Jelassi &amp; Li, ICML 2022, Table 1; widths and kernel sizes are not given in the paper).
 *
 * <p>Which fields an architecture uses:
 * <ul>
 * <li>{@code linear}: none;</li>
 * <li>{@code 1-mlp}: {@code width} (h);</li>
 * <li>{@code 2-mlp}: {@code width}, {@code width2} (h1, h2);</li>
 * <li>{@code 1-cnn}: {@code channels}, {@code kernel}, {@code stride} (C, k, s);</li>
 * <li>{@code 2-cnn}: those and {@code channels2}, {@code kernel2}, {@code stride2} (C2, k2, s2).</li>
 * </ul>
 * A used field must be ≥ 1, an unused one ≥ 0 (it is ignored). Convolutions use valid padding: on
 * an input of length L the output has (L − k)/s + 1 positions (integer division), so a kernel must
 * not exceed its input's length; {@link #validate(String, int)} checks that against d.
 *
 * <p>The compact constructor checks everything that does not depend on d, with messages that name
 * the fields {@code arch.*}; {@link #of} does the same with a caller's prefix (e.g. {@code student}),
 * so that a user's bad value reads {@code student.width = 0 is out of range: must be >= 1}.
 *
 * @param arch      the architecture
 * @param width     h, or h1 (width of the first hidden layer of an MLP)
 * @param width2    h2 (2-mlp)
 * @param channels  C, or C1 (channels of the first convolution)
 * @param channels2 C2 (2-cnn)
 * @param kernel    k, or k1 (kernel size of the first convolution)
 * @param kernel2   k2 (2-cnn)
 * @param stride    s, or s1
 * @param stride2   s2 (2-cnn)
 * @param initScale multiplies the standard deviation of the He initialization (&gt; 0)
 */
public record ArchSpec(@Doc("network: linear, 1-mlp, 2-mlp, 1-cnn or 2-cnn") Architecture arch,
                       @Doc("h, or h1: width of the first hidden layer of an MLP") int width,
                       @Doc("h2: width of the second hidden layer (2-mlp)") int width2,
                       @Doc("C, or C1: channels of the first convolution") int channels,
                       @Doc("C2: channels of the second convolution (2-cnn)") int channels2,
                       @Doc("k, or k1: kernel size of the first convolution") int kernel,
                       @Doc("k2: kernel size of the second convolution (2-cnn)") int kernel2,
                       @Doc("s, or s1: stride of the first convolution") int stride,
                       @Doc("s2: stride of the second convolution (2-cnn)") int stride2,
                       @Doc("multiplies the standard deviation of the He initialization") double initScale) {

    /** Input dimension of Table 1. */
    public static final int DEFAULT_D = 30;

    public ArchSpec {
        checkRanges("arch", arch, width, width2, channels, channels2, kernel, kernel2, stride, stride2, initScale);
    }

    /** The spec with every field checked under {@code prefix} (e.g. {@code student.kernel}). */
    public static ArchSpec of(String prefix, Architecture arch, int width, int width2, int channels, int channels2,
                              int kernel, int kernel2, int stride, int stride2, double initScale) {
        checkRanges(prefix, arch, width, width2, channels, channels2, kernel, kernel2, stride, stride2, initScale);
        return new ArchSpec(arch, width, width2, channels, channels2, kernel, kernel2, stride, stride2, initScale);
    }

    /** f(x) = wᵀx + b. */
    public static ArchSpec linear() {
        return new ArchSpec(Architecture.LINEAR, 0, 0, 0, 0, 0, 0, 0, 0, 1.0);
    }

    /** One hidden layer of width h. */
    public static ArchSpec mlp1(int width) {
        return new ArchSpec(Architecture.MLP1, width, 0, 0, 0, 0, 0, 0, 0, 1.0);
    }

    /** Two hidden layers of widths h1, h2. */
    public static ArchSpec mlp2(int width, int width2) {
        return new ArchSpec(Architecture.MLP2, width, width2, 0, 0, 0, 0, 0, 0, 1.0);
    }

    /** One convolution: C channels, kernel k, stride s. */
    public static ArchSpec cnn1(int channels, int kernel, int stride) {
        return new ArchSpec(Architecture.CNN1, 0, 0, channels, 0, kernel, 0, stride, 0, 1.0);
    }

    /** Two convolutions: (C1, k1, s1) on the input, then (C2, k2, s2) over the C1 channels. */
    public static ArchSpec cnn2(int channels, int kernel, int stride, int channels2, int kernel2, int stride2) {
        return new ArchSpec(Architecture.CNN2, 0, 0, channels, channels2, kernel, kernel2, stride, stride2, 1.0);
    }

    /**
     * The default sizes (the paper does not give them): 1-mlp h = 64; 2-mlp h1 = h2 = 32; 1-cnn C = 8,
     * k = 5, s = 1; 2-cnn (C1, k1, s1) = (8, 5, 1) then (C2, k2, s2) = (8, 5, 2); He initialization
     * (init_scale 1). With full-batch GD or GD+M (γ = 0.9) at learning rate 1 (MLPs), 0.5 (1-cnn) or
     * 0.25 (2-cnn), every student fits the N = 500 labels of every default teacher (d = 30) in
     * 30–750 epochs, and the whole Table-1 grid (5 teachers × 4 students × 2 optimizers × 3 seeds)
     * takes about 30 s on 2 cores.
     */
    public static ArchSpec defaults(Architecture arch) {
        return switch (arch) {
            case LINEAR -> linear();
            case MLP1 -> mlp1(64);
            case MLP2 -> mlp2(32, 32);
            case CNN1 -> cnn1(8, 5, 1);
            case CNN2 -> cnn2(8, 5, 1, 8, 5, 2);
        };
    }

    /** This spec with another initialization scale. */
    public ArchSpec withInitScale(double scale) {
        return new ArchSpec(arch, width, width2, channels, channels2, kernel, kernel2, stride, stride2, scale);
    }

    /**
     * Checks the spec against the input dimension d, naming fields under {@code prefix}: every kernel
     * fits its input (k ≤ d; for 2-cnn also k2 ≤ the first convolution's output length).
     *
     * @return this
     * @throws IllegalArgumentException e.g. {@code student.kernel = 40 is out of range: must be <= d = 30}
     */
    public ArchSpec validate(String prefix, int d) {
        Check.atLeast("d", d, 1);
        checkRanges(prefix, arch, width, width2, channels, channels2, kernel, kernel2, stride, stride2, initScale);
        if (arch.convolutional()) {
            atMost(prefix + ".kernel", kernel, d, "d = " + d);
            if (arch == Architecture.CNN2) {
                int l1 = convLength(d, kernel, stride);
                atMost(prefix + ".kernel2", kernel2, l1, "the first convolution's output length (d − kernel)/stride + 1 = " + l1);
            }
        }
        return this;
    }

    /** Output length (L − k)/s + 1 of a valid convolution on an input of length L ≥ k. */
    public static int convLength(int length, int kernel, int stride) {
        return (length - kernel) / stride + 1;
    }

    /** A short description, e.g. {@code 1-cnn(C=8, k=5, s=1)}. */
    public String describe() {
        String scale = initScale == 1.0 ? "" : ", init_scale=" + initScale;
        return switch (arch) {
            case LINEAR -> "linear" + (scale.isEmpty() ? "" : "(" + scale.substring(2) + ")");
            case MLP1 -> "1-mlp(h=" + width + scale + ")";
            case MLP2 -> "2-mlp(h1=" + width + ", h2=" + width2 + scale + ")";
            case CNN1 -> "1-cnn(C=" + channels + ", k=" + kernel + ", s=" + stride + scale + ")";
            case CNN2 -> "2-cnn(C1=" + channels + ", k1=" + kernel + ", s1=" + stride + "; C2=" + channels2 + ", k2=" + kernel2
                    + ", s2=" + stride2 + scale + ")";
        };
    }

    private static void checkRanges(String p, Architecture arch, int width, int width2, int channels, int channels2,
                                    int kernel, int kernel2, int stride, int stride2, double initScale) {
        if (arch == null) {
            throw new IllegalArgumentException(p + ".arch is missing: must be one of " + Architecture.names());
        }
        boolean mlp = !arch.convolutional() && arch.hiddenLayers() >= 1;
        boolean cnn = arch.convolutional();
        boolean two = arch.hiddenLayers() == 2;
        Check.atLeast(p + ".width", width, mlp ? 1 : 0);
        Check.atLeast(p + ".width2", width2, mlp && two ? 1 : 0);
        Check.atLeast(p + ".channels", channels, cnn ? 1 : 0);
        Check.atLeast(p + ".kernel", kernel, cnn ? 1 : 0);
        Check.atLeast(p + ".stride", stride, cnn ? 1 : 0);
        Check.atLeast(p + ".channels2", channels2, cnn && two ? 1 : 0);
        Check.atLeast(p + ".kernel2", kernel2, cnn && two ? 1 : 0);
        Check.atLeast(p + ".stride2", stride2, cnn && two ? 1 : 0);
        Check.positive(p + ".init_scale", initScale);
    }

    private static void atMost(String field, int value, int max, String what) {
        if (value > max) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be <= " + what);
        }
    }
}
