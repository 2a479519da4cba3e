package org.momentumlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.data.MarginGroup;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Precision;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.momentumlab.util.ComputePool;

class PatchProbesTest {
    static final double TOL = 1e-12;

    @Test
    void probeValuesAgainstDirectComputation() {
        PatchDataSpec spec = new PatchDataSpec(300, 200, 3, 6, 2.0, 0.4, 0.3, 0.7, PatchDataSpec.FeatureDirection.RANDOM);
        PatchDataGenerator.Split s = PatchDataGenerator.generate(spec, 8);
        PatchDataset tr = s.train();
        int m = 2;
        int d = 6;
        double[] w = new double[m * d];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble() - 0.5;
        }
        try (ComputePool pool = new ComputePool(1)) {
            CubicCnn train = new CubicCnn(tr, m, 0.01, Precision.FLOAT64, pool);
            CubicCnn test = new CubicCnn(s.test(), m, 0, Precision.FLOAT64, pool);
            Stepper stepper = Optimizers.gdMomentum(Schedule.constant(0.1), 0.9).start(w.length);
            double[] g = new double[w.length];
            double loss = train.valueAndGradient(w, g);
            stepper.step(w.clone(), g); // fills the momentum buffer with (1 - 0.9) g
            ProbeContext ctx = new ProbeContext(train);
            ctx.reset(0, w, stepper);
            MetricTable out = new MetricTable();
            out.startRow(0);
            new ClassificationProbe(train, test).observe(ctx, out);
            new FeatureNoiseProbe(tr, m).observe(ctx, out);
            new GradientProjectionProbe(tr.wStar(), m).observe(ctx, out);
            assertEquals(loss, ctx.trainLoss(), 0);

            double[] f = new double[tr.size()];
            double nu1 = 0;
            double nu2 = 0;
            int correctSmall = 0;
            int small = 0;
            double noiseSum = 0;
            for (int i = 0; i < tr.size(); i++) {
                double fi = 0;
                double xi = 0;
                for (int j = 0; j < 3; j++) {
                    for (int r = 0; r < m; r++) {
                        double c = 0;
                        for (int k = 0; k < d; k++) {
                            c += w[r * d + k] * tr.patches()[tr.offset(i, j) + k];
                        }
                        fi += c * c * c;
                        if (j != tr.signalPosition(i)) {
                            xi += c * c * c;
                        }
                    }
                }
                f[i] = fi;
                double l = 1 / (1 + Math.exp(tr.label(i) * fi));
                if (tr.group(i) == MarginGroup.LARGE) {
                    nu1 += l;
                } else {
                    nu2 += l;
                    small++;
                    noiseSum += tr.label(i) * xi;
                    if (tr.label(i) * fi > 0) {
                        correctSmall++;
                    }
                }
            }
            assertEquals(nu1 / tr.size(), out.last("nu1"), TOL);
            assertEquals(nu2 / tr.size(), out.last("nu2"), TOL);
            assertEquals((double) correctSmall / small, out.last("train_acc_small"), 0);
            assertEquals(noiseSum / small, out.last("noise_small_mean"), TOL);
            double maxSignal = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < m; r++) {
                double c = 0;
                double gs = 0;
                for (int k = 0; k < d; k++) {
                    c += w[r * d + k] * tr.wStar()[k];
                    gs += g[r * d + k] * tr.wStar()[k];
                }
                assertEquals(c, out.last("signal_r" + r), TOL);
                assertEquals(gs, out.last("grad_signal_r" + r), TOL);
                assertEquals(0.1 * gs, out.last("momentum_signal_r" + r), TOL);
                maxSignal = Math.max(maxSignal, c);
            }
            assertEquals(maxSignal, out.last("max_signal"), 0);
        }
    }

    /** noise_corr_max against the scalar sums (multiply, then add, k in order): the same bits, on any thread count. */
    @Test
    void noiseCorrelationMaximumIsExact() {
        // P ≥ 5 takes the five-patch tiles where a block is one vector (512-bit), with three, two and one neurons
        for (int patches : new int[] {4, 5, 7, 11}) {
            noiseCorrelationMaximumIsExact(patches);
        }
    }

    private static void noiseCorrelationMaximumIsExact(int patches) {
        PatchDataSpec spec = new PatchDataSpec(301, 10, patches, 7, 2.0, 0.4, 0.3, 0.7, PatchDataSpec.FeatureDirection.RANDOM);
        PatchDataset tr = PatchDataGenerator.generate(spec, 9).train();
        for (int m : new int[] {1, 2, 4, 5, 7}) {
            int d = 7;
            double[] w = new double[m * d];
            java.util.SplittableRandom rng = new java.util.SplittableRandom(m);
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble() - 0.5;
            }
            double max = 0;
            for (int i = 0; i < tr.size(); i++) {
                for (int j = 0; j < patches; j++) {
                    if (j == tr.signalPosition(i)) {
                        continue;
                    }
                    for (int r = 0; r < m; r++) {
                        double c = 0;
                        for (int k = 0; k < d; k++) {
                            c += w[r * d + k] * tr.patches()[tr.offset(i, j) + k];
                        }
                        max = Math.max(max, Math.abs(c));
                    }
                }
            }
            for (int threads : new int[] {1, 3}) {
                try (ComputePool pool = new ComputePool(threads)) {
                    for (Precision precision : Precision.values()) { // float64: over the kernel's blocks; float32: over a copy
                        CubicCnn f = new CubicCnn(tr, m, 0, precision, pool);
                        ProbeContext ctx = new ProbeContext(f);
                        ctx.reset(0, w, Optimizers.gd(Schedule.constant(0.1)).start(w.length));
                        for (FeatureNoiseProbe probe : List.of(new FeatureNoiseProbe(tr, m, pool), new FeatureNoiseProbe(f))) {
                            MetricTable out = new MetricTable();
                            out.startRow(0);
                            probe.observe(ctx, out);
                            assertEquals(max, out.last("noise_corr_max"), 0.0,
                                    "P = " + patches + ", m = " + m + ", threads = " + threads + ", " + precision);
                        }
                    }
                }
            }
        }
    }
}
