package org.momentumlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Precision;
import org.momentumlab.util.ComputePool;

/**
 * The weights that real training visits, for benchmarks: Figure 3's data (N = 20000, d = 30, P = 5,
 * α = d^0.49, β = 0.2, μ = 0.01, σ = 1.3, data seed 0), W⁰ ~ N(0, 0.02²) (seed 0), then GD+M in the
 * EMA form (η = 1, γ = 0.99) in float64. The weights after {@link #STEPS} steps are shipped as
 * {@code /figure3-weights.txt} (exact bits), so a benchmark fork under any JVM option starts at them
 * without training first; {@code Figure3TrajectoryTest} checks the file against a fresh trajectory,
 * and {@link #main} rewrites it.
 */
public final class Figure3Trajectory {
    private Figure3Trajectory() {
    }

    /** The steps whose weights are shipped (0 is the initialization). */
    public static final List<Integer> STEPS = List.of(0, 200, 1000);
    static final int M = 5;

    public static PatchDataset data() {
        PatchDataSpec spec = new PatchDataSpec(20000, 1, 5, 30, Math.pow(30, 0.49), 0.2, 0.01, 1.3, PatchDataSpec.FeatureDirection.BASIS);
        return PatchDataGenerator.generate(spec, 0).train();
    }

    /** The weights after each of {@link #STEPS}, by training. */
    public static List<double[]> compute(ComputePool pool) {
        CubicCnn f = new CubicCnn(data(), M, 0, Precision.FLOAT64, pool);
        double[] w = CubicCnn.initialWeights(f.dimension(), 0.02, 0);
        double[] g = new double[w.length];
        double[] buf = new double[w.length];
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t <= STEPS.get(STEPS.size() - 1); t++) {
            if (STEPS.contains(t)) {
                out.add(w.clone());
            }
            f.valueAndGradient(w, g);
            for (int q = 0; q < w.length; q++) {
                buf[q] = 0.99 * buf[q] + 0.01 * g[q];
                w[q] -= buf[q];
            }
        }
        return out;
    }

    /** The shipped weights after {@code steps} steps (one of {@link #STEPS}). */
    public static double[] at(int steps) {
        int i = STEPS.indexOf(steps);
        if (i < 0) {
            throw new IllegalArgumentException("steps = " + steps + " is not shipped: one of " + STEPS);
        }
        return read().get(i);
    }

    static List<double[]> read() {
        try (InputStream in = Figure3Trajectory.class.getResourceAsStream("/figure3-weights.txt")) {
            List<double[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.trim().split(" ");
                double[] w = new double[cells.length - 1];
                for (int q = 0; q < w.length; q++) {
                    w[q] = Double.longBitsToDouble(Long.parseUnsignedLong(cells[q + 1], 16));
                }
                out.add(w);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(List<double[]> weights) {
        StringBuilder b = new StringBuilder("# Figure 3 GD+M trajectory (see Figure3Trajectory): steps, then the IEEE bits of each weight in hex\n");
        for (int i = 0; i < weights.size(); i++) {
            b.append(STEPS.get(i));
            for (double v : weights.get(i)) {
                b.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Rewrites {@code src/main/resources/figure3-weights.txt} of this module (run from the repository root). */
    public static void main(String[] args) throws IOException {
        try (ComputePool pool = new ComputePool(Runtime.getRuntime().availableProcessors())) {
            Files.writeString(Path.of("momentumlab-bench/src/main/resources/figure3-weights.txt"), format(compute(pool)));
        }
    }
}
