package org.momentumlab.bench;

import java.util.concurrent.TimeUnit;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Precision;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.GaussianSource;
import org.momentumlab.util.Seeds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch loss + gradient of the cubic CNN at the synthetic size of Jelassi &amp; Li (2022),
 * Figure 3: N = 20000, P = 5, d = 30, m = 5 (data seed 0, W ~ N(0, 0.01²)).
 *
 * <p>{@code kernel}: the fused SIMD kernel of {@link CubicCnn} per precision and thread count;
 * {@code scalarReference}: simple single-threaded Java loops ({@link ScalarCubicCnn}), the baseline
 * for the speedup. Run with {@code -prof gc} to see that the kernel allocates nothing per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CubicCnnBenchmark {
    static final int N = 20000;
    static final int P = 5;
    static final int D = 30;
    static final int M = 5;

    static PatchDataset data() {
        PatchDataSpec spec = new PatchDataSpec(N, 1, P, D, Math.pow(D, 0.49), 1.0, 0.05, 1.0,
                PatchDataSpec.FeatureDirection.BASIS);
        return PatchDataGenerator.generate(spec, 0).train();
    }

    static double[] weights() {
        GaussianSource g = new GaussianSource(Seeds.stream(0, "bench/w"));
        double[] w = new double[M * D];
        for (int q = 0; q < w.length; q++) {
            w[q] = 0.01 * g.next();
        }
        return w;
    }

    /** The SIMD kernel, per precision and thread count. */
    @State(Scope.Benchmark)
    public static class KernelState {
        @Param({"FLOAT32", "FLOAT64"})
        public String precision;
        @Param({"1", "2"})
        public int threads;

        ComputePool pool;
        CubicCnn model;
        double[] w;
        double[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            pool = new ComputePool(threads);
            model = new CubicCnn(data(), M, 0.0, Precision.valueOf(precision), pool);
            w = weights();
            grad = new double[M * D];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** The simple-loops baseline. */
    @State(Scope.Benchmark)
    public static class ScalarState {
        ScalarCubicCnn model;
        double[] w;
        double[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            model = new ScalarCubicCnn(data(), M);
            w = weights();
            grad = new double[M * D];
        }
    }

    @Benchmark
    public double kernel(KernelState s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }

    @Benchmark
    public double scalarReference(ScalarState s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }
}
