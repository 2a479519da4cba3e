package org.momentumlab.bench;

import java.util.concurrent.TimeUnit;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Precision;
import org.momentumlab.util.ComputePool;
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
 * One full-batch loss + gradient at the weights real training visits: Figure 3's data and its GD+M
 * trajectory ({@link Figure3Trajectory}) at steps 0, 200 and 1000, float32 and float64, 1 and 2
 * threads; the same on a JVM told to use fewer vector instructions ({@code -XX:UseAVX=2|1|0}, what
 * CPUs and VMs without AVX-512, AVX2 or AVX give), and the simple-loops peer at the same weights.
 * Run it with {@code ./mlab bench --filter TrainingBenchmark} (about 15 minutes; {@code --param} narrows it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainingBenchmark {

    /** The kernel at the weights after {@code steps} steps of the trajectory. */
    @State(Scope.Benchmark)
    public static class At {
        @Param({"0", "200", "1000"})
        public int steps;
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
            model = new CubicCnn(Figure3Trajectory.data(), Figure3Trajectory.M, 0.0, Precision.valueOf(precision), pool);
            w = Figure3Trajectory.at(steps);
            grad = new double[w.length];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** Simple loops at the weights after {@code steps} steps. */
    @State(Scope.Benchmark)
    public static class ScalarAt {
        @Param({"0", "200", "1000"})
        public int steps;

        ScalarCubicCnn model;
        double[] w;
        double[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            model = new ScalarCubicCnn(Figure3Trajectory.data(), Figure3Trajectory.M);
            w = Figure3Trajectory.at(steps);
            grad = new double[w.length];
        }
    }

    @Benchmark
    public double kernel(At s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=2"})
    public double kernelAvx2(At s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=1"})
    public double kernelAvx1(At s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=0"})
    public double kernelAvx0(At s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }

    @Benchmark
    public double scalar(ScalarAt s) {
        return s.model.valueAndGradient(s.w, s.grad);
    }
}
