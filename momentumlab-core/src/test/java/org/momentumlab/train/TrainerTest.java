package org.momentumlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Objective;
import org.momentumlab.model.Precision;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.probe.ClassificationProbe;
import org.momentumlab.probe.FeatureNoiseProbe;
import org.momentumlab.probe.GradientProjectionProbe;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.util.ComputePool;

class TrainerTest {

    /** E(x) = ½ Σ a_i x_i², a = (1, 4). */
    static final Objective QUADRATIC = new Objective() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            g[0] = x[0];
            g[1] = 4 * x[1];
            return 0.5 * (x[0] * x[0] + 4 * x[1] * x[1]);
        }
    };

    @Test
    void divergenceIsAResultWithTheStepOfTheFirstNonFiniteLoss() {
        // GD with h = 1 on a = 4: x1 <- (1 - 4) x1 = -3 x1, so |x1| = 3^t overflows to infinity and the loss is infinite.
        Trainer t = new Trainer(QUADRATIC, null, Optimizers.gd(Schedule.constant(1.0)), StopRule.steps(5000),
                ProbeSchedule.every(100), List.of());
        double[] x = {1, 1};
        MetricTable m = new MetricTable();
        TrainingResult r = t.run(x, m, TrainingListener.NONE);
        assertTrue(r.diverged());
        // 0.5*4*9^t overflows when 9^t > ~9e307, i.e. t >= 323; |x1| = 3^t itself overflows at t = 647.
        assertEquals(323, r.divergedAtStep());
        assertEquals(323, r.steps());
        assertTrue(Double.isFinite(r.finalLoss()));
        assertEquals(4, m.rows()); // steps 0, 100, 200, 300
        assertEquals(300, m.step(3));
    }

    @Test
    void probeRowsAtScheduleFirstAndLastStep() {
        Trainer t = new Trainer(QUADRATIC, null, Optimizers.gd(Schedule.constant(0.1)), StopRule.steps(25),
                ProbeSchedule.every(10), List.of());
        MetricTable m = new MetricTable();
        TrainingResult r = t.run(new double[] {1, 1}, m, TrainingListener.NONE);
        assertArrayEquals(new long[] {0, 10, 20, 25}, m.steps());
        assertEquals(TrainingResult.StopReason.MAX_STEPS, r.reason());
        assertEquals(0.5 * (Math.pow(0.9, 50) + 4 * Math.pow(0.6, 50)), m.last("train_loss"), 1e-15);
    }

    @Test
    void logSpacedSchedule() {
        ProbeSchedule s = new ProbeSchedule(0, 2);
        long[] expected = {0, 1, 3, 10, 32, 100, 316, 1000};
        int k = 0;
        for (long step = 0; step <= 1000; step++) {
            if (s.due(step)) {
                assertEquals(expected[k++], step);
            }
        }
        assertEquals(expected.length, k);
    }

    @Test
    void nextAfterWalksExactlyTheDueSteps() {
        for (ProbeSchedule s : List.of(new ProbeSchedule(0, 2), new ProbeSchedule(0, 20), new ProbeSchedule(700, 20),
                new ProbeSchedule(1, 0), new ProbeSchedule(37, 3))) {
            long next = 0;
            for (long step = 0; step <= 300_000; step++) {
                boolean walked = step == next;
                if (walked) {
                    next = s.nextAfter(step);
                    assertTrue(next > step, s + " at " + step);
                }
                assertEquals(s.due(step), walked, s + " at step " + step);
            }
        }
        assertEquals(Long.MAX_VALUE, new ProbeSchedule(0, 0).nextAfter(5));
    }

    @Test
    void samplingWithReplacementIsUniformAndSeeded() {
        BatchPlan p = BatchPlan.withReplacement(10, 3, new java.util.SplittableRandom(5));
        BatchPlan q = BatchPlan.withReplacement(10, 3, new java.util.SplittableRandom(5));
        assertTrue(p.withReplacement());
        int[] counts = new int[10];
        boolean repeated = false;
        int draws = 100_000;
        for (int step = 0; step < draws; step++) {
            int from = p.next();
            assertEquals(from, q.next());
            assertEquals(3, p.end() - from);
            int[] o = p.order();
            repeated |= o[0] == o[1] || o[1] == o[2] || o[0] == o[2];
            for (int k = from; k < p.end(); k++) {
                assertEquals(o[k], q.order()[k]);
                counts[o[k]]++;
            }
        }
        assertTrue(repeated, "with replacement a batch can repeat an index");
        // chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile
        double expected = 3.0 * draws / 10;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 27.9, "chi2 = " + chi2);
    }

    @Test
    void targetLossStopsEarly() {
        Trainer t = new Trainer(QUADRATIC, null, Optimizers.gd(Schedule.constant(0.1)), new StopRule(1000, 1e-6),
                ProbeSchedule.every(0), List.of());
        MetricTable m = new MetricTable();
        TrainingResult r = t.run(new double[] {1, 1}, m, TrainingListener.NONE);
        assertEquals(TrainingResult.StopReason.TARGET_LOSS, r.reason());
        assertTrue(m.last("train_loss") <= 1e-6);
        // 0.5 * 0.81^t <= 1e-6 first at t = 63 (the x1 term decays faster)
        assertEquals(63, r.steps());
    }

    @Test
    void batchPlanVisitsEveryExampleOncePerEpochAndIsSeeded() {
        BatchPlan a = new BatchPlan(10, 4, new SplittableRandom(3));
        BatchPlan b = new BatchPlan(10, 4, new SplittableRandom(3));
        assertEquals(3, a.stepsPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            boolean[] seen = new boolean[10];
            int total = 0;
            for (int s = 0; s < 3; s++) {
                int from = a.next();
                int fromB = b.next();
                assertEquals(from, fromB);
                assertEquals(a.end(), b.end());
                for (int i = from; i < a.end(); i++) {
                    assertFalse(seen[a.order()[i]]);
                    seen[a.order()[i]] = true;
                    assertEquals(a.order()[i], b.order()[i]);
                    total++;
                }
            }
            assertEquals(10, total);
        }
    }

    static PatchDataset data(int n, long seed) {
        return PatchDataGenerator.generate(new PatchDataSpec(n, 50, 4, 7, 2.0, 0.5, 0.2, 0.6,
                PatchDataSpec.FeatureDirection.RANDOM), seed).train();
    }

    double[] gdmTrajectory(int threads, int batch, List<String> metricsOut, boolean withProbes) {
        PatchDataset d = data(700, 4);
        try (ComputePool pool = new ComputePool(threads)) {
            CubicCnn model = new CubicCnn(d, 3, 1e-3, Precision.FLOAT64, pool);
            List<Probe> probes = withProbes ? List.of(new ClassificationProbe(model, new CubicCnn(d, 3, 0, Precision.FLOAT64, pool)),
                    new FeatureNoiseProbe(d, 3), new GradientProjectionProbe(d.wStar(), 3)) : List.of();
            BatchPlan plan = batch == 0 ? null : new BatchPlan(d.size(), batch, new SplittableRandom(1));
            Trainer t = new Trainer(model, plan, Optimizers.gdMomentum(Schedule.constant(0.5), 0.9), StopRule.steps(50),
                    ProbeSchedule.every(7), probes);
            double[] w = org.momentumlab.model.CubicCnn.initialWeights(model.dimension(), 0.3, 2);
            MetricTable m = new MetricTable();
            t.run(w, m, TrainingListener.NONE);
            if (metricsOut != null) {
                for (String name : m.metrics()) {
                    metricsOut.add(name + "=" + java.util.Arrays.toString(m.column(name)));
                }
            }
            return w;
        }
    }

    @Test
    void fiftyStepGdmTrajectoryIsBitwiseIdenticalOnOneTwoAndFourThreads() {
        for (int batch : new int[] {0, 64}) {
            List<String> m1 = new java.util.ArrayList<>();
            List<String> m2 = new java.util.ArrayList<>();
            List<String> m4 = new java.util.ArrayList<>();
            double[] w1 = gdmTrajectory(1, batch, m1, true);
            double[] w2 = gdmTrajectory(2, batch, m2, true);
            double[] w4 = gdmTrajectory(4, batch, m4, true);
            assertArrayEquals(w1, w2);
            assertArrayEquals(w1, w4);
            assertEquals(m1, m2);
            assertEquals(m1, m4);
        }
    }

    @Test
    void probesNeverChangeTheTrajectory() {
        assertArrayEquals(gdmTrajectory(2, 0, null, false), gdmTrajectory(2, 0, null, true));
        assertArrayEquals(gdmTrajectory(2, 64, null, false), gdmTrajectory(2, 64, null, true));
    }
}
