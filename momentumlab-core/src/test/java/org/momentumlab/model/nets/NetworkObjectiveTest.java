package org.momentumlab.model.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.momentumlab.model.nets.NetsTesting.gaussian;
import static org.momentumlab.model.nets.NetsTesting.params;
import static org.momentumlab.model.nets.NetsTesting.preActivations;
import static org.momentumlab.model.nets.NetsTesting.randomLabels;
import static org.momentumlab.model.nets.NetsTesting.relErr;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.momentumlab.model.FiniteDifferences;
import org.momentumlab.model.Objective;
import org.momentumlab.util.ComputePool;

class NetworkObjectiveTest {
    /** Same math, different summation order (or none): float64 round-off only. */
    static final double TEST_F64 = 1e-12;
    /** Analytic gradient vs central finite differences. */
    static final double TEST_FD = 1e-6;
    /** Relative step of the central differences. */
    static final double FD_STEP = 1e-5;
    /** Examples with a hidden pre-activation closer than this to 0 are left out of the FD check. */
    static final double KINK_MARGIN = 1e-3;
    static final double LAMBDA = 0.01;

    static ComputePool pool1;
    static ComputePool pool2;
    static ComputePool pool4;

    @BeforeAll
    static void startPools() {
        pool1 = new ComputePool(1);
        pool2 = new ComputePool(2);
        pool4 = new ComputePool(4);
    }

    @AfterAll
    static void stopPools() {
        pool1.close();
        pool2.close();
        pool4.close();
    }

    static Stream<Arguments> smallNetworks() {
        return Stream.of(
                Arguments.of(ArchSpec.linear(), 12),
                Arguments.of(ArchSpec.mlp1(7), 12),
                Arguments.of(ArchSpec.mlp2(6, 5), 12),
                Arguments.of(ArchSpec.cnn1(3, 4, 2), 12),
                Arguments.of(ArchSpec.cnn1(2, 12, 1), 12),
                Arguments.of(ArchSpec.cnn2(3, 3, 1, 2, 3, 2), 12),
                Arguments.of(ArchSpec.mlp1(20), 30),
                Arguments.of(ArchSpec.mlp2(12, 10), 30),
                Arguments.of(ArchSpec.defaults(Architecture.CNN1), 30),
                Arguments.of(ArchSpec.defaults(Architecture.CNN2), 30));
    }

    /**
     * The objective restricted to examples on which no hidden unit is within {@link #KINK_MARGIN} of
     * its kink, wrapped so that every evaluation of the finite differences asserts that no ReLU
     * changed sides (so the function is smooth on every difference segment: pre-activations are
     * piecewise affine in one parameter, and the same sign at both ends means no crossing).
     */
    record KinkGuard(NetworkObjective f, Network net, double[] x, boolean[] signs) implements Objective {
        static KinkGuard of(Network net, double[] theta, int n, long seed) {
            int d = net.inputDim();
            double[] all = gaussian(n * d, 1.0, seed);
            double[] kept = new double[n * d];
            int m = 0;
            for (int i = 0; i < n; i++) {
                double[] z = preActivations(net, theta, all, i * d);
                if (Arrays.stream(z).allMatch(v -> Math.abs(v) >= KINK_MARGIN)) {
                    System.arraycopy(all, i * d, kept, m * d, d);
                    m++;
                }
            }
            assertTrue(m >= n / 2, "too few examples away from kinks: " + m);
            double[] x = Arrays.copyOf(kept, m * d);
            NetworkObjective f = new NetworkObjective(net, x, randomLabels(m, seed + 1), LAMBDA, pool2);
            return new KinkGuard(f, net, x, signs(net, theta, x));
        }

        static boolean[] signs(Network net, double[] theta, double[] x) {
            int d = net.inputDim();
            int n = x.length / d;
            boolean[] s = null;
            int at = 0;
            for (int i = 0; i < n; i++) {
                double[] z = preActivations(net, theta, x, i * d);
                if (s == null) {
                    s = new boolean[z.length * n];
                }
                for (double v : z) {
                    s[at++] = v > 0;
                }
            }
            return s == null ? new boolean[0] : s;
        }

        @Override
        public int dimension() {
            return f.dimension();
        }

        @Override
        public double valueAndGradient(double[] theta, double[] grad) {
            return f.valueAndGradient(theta, grad);
        }

        @Override
        public double value(double[] theta) {
            assertArrayEquals(signs, signs(net, theta, x), "a finite-difference step crossed a ReLU kink");
            return f.value(theta);
        }
    }

    @ParameterizedTest
    @MethodSource("smallNetworks")
    void gradientMatchesFiniteDifferences(ArchSpec spec, int d) {
        Network net = new Network(spec, d);
        double[] theta = params(net, 101);
        KinkGuard guarded = KinkGuard.of(net, theta, 70, 102);
        double[] g = new double[net.parameterCount()];
        double loss = guarded.valueAndGradient(theta, g);
        double[] fd = FiniteDifferences.gradient(guarded, theta, FD_STEP);
        assertTrue(relErr(g, fd) <= TEST_FD, spec.describe() + ": error " + relErr(g, fd));
        assertEquals(loss, guarded.f().value(theta));
    }

    @ParameterizedTest
    @MethodSource("smallNetworks")
    void batchedOutputsMatchTheSingleExamplePass(ArchSpec spec, int d) {
        Network net = new Network(spec, d);
        double[] theta = params(net, 111);
        int n = 130; // two full chunks and a partial one
        double[] x = gaussian(n * d, 1.0, 112);
        byte[] y = randomLabels(n, 113);
        NetworkObjective f = new NetworkObjective(net, x, y, LAMBDA, pool2);
        double[] out = new double[n];
        f.outputs(theta, out);
        int errors = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double ref = net.output(theta, x, i * d);
            assertEquals(ref, out[i], TEST_F64 * Math.max(1, Math.abs(ref)), "example " + i);
            errors += y[i] * ref > 0 ? 0 : 1;
            loss += Math.log1p(Math.exp(-y[i] * ref));
        }
        double sq = Arrays.stream(theta).map(v -> v * v).sum();
        double expected = loss / n + 0.5 * LAMBDA * sq;
        assertEquals(expected, f.value(theta), TEST_F64 * expected);
        assertEquals(errors, f.misclassified(theta));
        assertEquals(1.0 - errors / (double) n, f.accuracy(theta));
        f.valueAndGradient(theta, new double[net.parameterCount()]);
        assertEquals(errors, f.lastMisclassified());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void miniBatchOfAllIndicesInOrderIsExactlyTheFullBatch(Architecture arch) {
        Network net = new Network(ArchSpec.defaults(arch), 30);
        int n = 200;
        NetworkObjective f = new NetworkObjective(net, gaussian(n * 30, 1.0, 121), randomLabels(n, 122), LAMBDA, pool2);
        double[] theta = params(net, 123);
        int[] all = new int[n + 2];
        for (int i = 0; i < n; i++) {
            all[i + 1] = i;
        }
        double[] g = new double[net.parameterCount()];
        double[] gb = new double[net.parameterCount()];
        assertEquals(f.valueAndGradient(theta, g), f.valueAndGradient(theta, gb, all, 1, n + 1));
        assertArrayEquals(g, gb);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void miniBatchEqualsTheObjectiveOnItsExamples(Architecture arch) {
        int d = 30;
        int n = 150;
        Network net = new Network(ArchSpec.defaults(arch), d);
        double[] x = gaussian(n * d, 1.0, 131);
        byte[] y = randomLabels(n, 132);
        NetworkObjective f = new NetworkObjective(net, x, y, LAMBDA, pool2);
        double[] theta = params(net, 133);
        SplittableRandom rng = new SplittableRandom(134);
        int[] indices = new int[400]; // more than N, with repeats: the slots must grow
        for (int q = 0; q < indices.length; q++) {
            indices[q] = rng.nextInt(n);
        }
        double[] g = new double[net.parameterCount()];
        double[] gRef = new double[net.parameterCount()];
        int[][] ranges = {{0, 1}, {5, 69}, {100, 231}, {0, 400}};
        for (int[] r : ranges) {
            int m = r[1] - r[0];
            double[] xs = new double[m * d];
            byte[] ys = new byte[m];
            for (int q = 0; q < m; q++) {
                int i = indices[r[0] + q];
                System.arraycopy(x, i * d, xs, q * d, d);
                ys[q] = y[i];
            }
            NetworkObjective sub = new NetworkObjective(net, xs, ys, LAMBDA, pool1);
            double l = f.valueAndGradient(theta, g, indices, r[0], r[1]);
            double lRef = sub.valueAndGradient(theta, gRef);
            String what = arch + " range " + r[0] + ".." + r[1];
            assertEquals(lRef, l, TEST_F64 * lRef, what);
            assertTrue(relErr(g, gRef) <= TEST_F64, what + ": " + relErr(g, gRef));
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void resultsAreBitwiseIdenticalForAnyThreadCount(Architecture arch) {
        int d = 30;
        int n = 500;
        Network net = new Network(ArchSpec.defaults(arch), d);
        double[] x = gaussian(n * d, 1.0, 141);
        byte[] y = randomLabels(n, 142);
        double[] theta = params(net, 143);
        int[] batch = new int[300];
        SplittableRandom rng = new SplittableRandom(144);
        for (int q = 0; q < batch.length; q++) {
            batch[q] = rng.nextInt(n);
        }
        int p = net.parameterCount();
        NetworkObjective f1 = new NetworkObjective(net, x, y, LAMBDA, pool1);
        double[] g1 = new double[p];
        double[] b1 = new double[p];
        double[] o1 = new double[n];
        double l1 = f1.valueAndGradient(theta, g1);
        double lb1 = f1.valueAndGradient(theta, b1, batch, 0, batch.length);
        double v1 = f1.value(theta);
        f1.outputs(theta, o1);
        for (ComputePool pool : new ComputePool[] {pool2, pool4}) {
            NetworkObjective ft = new NetworkObjective(net, x, y, LAMBDA, pool);
            double[] g = new double[p];
            double[] b = new double[p];
            double[] o = new double[n];
            for (int rep = 0; rep < 3; rep++) {
                assertEquals(l1, ft.valueAndGradient(theta, g));
                assertArrayEquals(g1, g);
                assertEquals(lb1, ft.valueAndGradient(theta, b, batch, 0, batch.length));
                assertArrayEquals(b1, b);
                assertEquals(v1, ft.value(theta));
                ft.outputs(theta, o);
                assertArrayEquals(o1, o);
            }
        }
    }

    @Test
    void steadyStateCallsAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        for (Architecture arch : Architecture.values()) {
            Network net = new Network(ArchSpec.defaults(arch), 30);
            int n = 100;
            NetworkObjective f = new NetworkObjective(net, gaussian(n * 30, 1.0, 151), randomLabels(n, 152), LAMBDA, pool1);
            double[] theta = params(net, 153);
            double[] g = new double[net.parameterCount()];
            double[] out = new double[n];
            int[] batch = {3, 1, 4, 1, 5, 9, 2, 6};
            calls(f, theta, g, out, batch, 50);
            long before = threads.getCurrentThreadAllocatedBytes();
            calls(f, theta, g, out, batch, 0);
            long baseline = threads.getCurrentThreadAllocatedBytes() - before;
            before = threads.getCurrentThreadAllocatedBytes();
            calls(f, theta, g, out, batch, 20);
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, bytes - baseline, arch + " allocated in steady state");
        }
    }

    private static void calls(NetworkObjective f, double[] theta, double[] g, double[] out, int[] batch, int reps) {
        for (int r = 0; r < reps; r++) {
            f.valueAndGradient(theta, g);
            f.valueAndGradient(theta, g, batch, 0, batch.length);
            f.value(theta);
            f.outputs(theta, out);
            f.misclassified(theta);
        }
    }

    @Test
    void inputsAreNotModified() {
        Network net = new Network(ArchSpec.defaults(Architecture.CNN2), 30);
        double[] x = gaussian(20 * 30, 1.0, 161);
        byte[] y = randomLabels(20, 162);
        double[] x0 = x.clone();
        byte[] y0 = y.clone();
        NetworkObjective f = new NetworkObjective(net, x, y, LAMBDA, pool2);
        double[] theta = params(net, 163);
        double[] theta0 = theta.clone();
        int[] idx = {3, 1, 4, 1, 5};
        double[] g = new double[net.parameterCount()];
        f.valueAndGradient(theta, g);
        f.valueAndGradient(theta, g, idx, 0, 5);
        f.outputs(theta, new double[20]);
        net.output(theta, x, 30);
        assertArrayEquals(theta0, theta);
        assertArrayEquals(x0, x);
        assertArrayEquals(y0, y);
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, idx);
    }

    @Test
    void extremeMarginsGiveFiniteLossAndGradient() {
        Network net = new Network(ArchSpec.defaults(Architecture.MLP2), 30);
        NetworkObjective f = new NetworkObjective(net, gaussian(40 * 30, 1.0, 171), randomLabels(40, 172), 0.0, pool1);
        double[] theta = params(net, 173);
        for (int q = 0; q < theta.length; q++) {
            theta[q] *= 30; // |f| in the thousands: exp(|y·f|) would overflow
        }
        double[] g = new double[net.parameterCount()];
        double loss = f.valueAndGradient(theta, g);
        assertTrue(Double.isFinite(loss) && loss > 100, "loss " + loss);
        assertTrue(Arrays.stream(g).allMatch(Double::isFinite));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void heInitializationHasTheDocumentedScale(Architecture arch) {
        Network net = new Network(ArchSpec.defaults(arch), 30);
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, new SplittableRandom(181));
        for (int l = 0; l < net.layerCount(); l++) {
            Layer y = net.layer(l);
            int count = y.biasOffset - y.offset;
            double sq = 0;
            for (int q = y.offset; q < y.biasOffset; q++) {
                sq += theta[q] * theta[q];
            }
            double var = 2.0 / y.fanIn();
            // the sample variance of `count` Gaussians has relative standard deviation √(2/count): 5σ
            double tol = 5 * Math.sqrt(2.0 / count);
            assertEquals(1.0, sq / count / var, Math.max(tol, 1e-12), arch + " layer " + l);
            for (int c = 0; c < y.outChannels; c++) {
                assertEquals(0.0, theta[y.biasOffset + c]);
            }
        }
        double[] scaled = new double[theta.length];
        new Network(ArchSpec.defaults(arch).withInitScale(2.0), 30).initialize(scaled, new SplittableRandom(181));
        for (int q = 0; q < theta.length; q++) {
            assertEquals(2 * theta[q], scaled[q]);
        }
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        Network net = new Network(ArchSpec.mlp1(4), 3);
        assertEquals("labels[1] = 0 is out of range: must be -1 or +1",
                assertThrows(IllegalArgumentException.class,
                        () -> new NetworkObjective(net, new double[6], new byte[] {1, 0}, 0.1, pool1)).getMessage());
        assertEquals("inputs has length 5, expected N·d = 2·3 = 6",
                assertThrows(IllegalArgumentException.class,
                        () -> new NetworkObjective(net, new double[5], new byte[] {1, -1}, 0.1, pool1)).getMessage());
        assertEquals("model.lambda = -1.0 is out of range: must be >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new NetworkObjective(net, new double[6], new byte[] {1, -1}, -1, pool1)).getMessage());
        NetworkObjective f = new NetworkObjective(net, new double[6], new byte[] {1, -1}, 0.1, pool1);
        assertEquals("theta has length 3, expected the parameter count 21 of 1-mlp(h=4) on d = 3",
                assertThrows(IllegalArgumentException.class, () -> f.value(new double[3])).getMessage());
        assertEquals("indices[0] = 2 is out of range: must be in [0, 2)",
                assertThrows(IllegalArgumentException.class,
                        () -> f.valueAndGradient(new double[21], new double[21], new int[] {2}, 0, 1)).getMessage());
    }
}
