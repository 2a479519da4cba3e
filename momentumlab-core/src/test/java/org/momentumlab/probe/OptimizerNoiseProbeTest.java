package org.momentumlab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.momentumlab.train.BatchPlan;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;
import org.momentumlab.train.Trainer;

/** Sato & Iiduka's noise level: each rule's search direction by hand, GD's noise exactly 0, and a probe that changes nothing. */
class OptimizerNoiseProbeTest {

    /** Least squares, ℓ_i(x) = ½(a_i·x − b_i)², over n random examples in dimension d. */
    record LeastSquares(double[][] a, double[] b) implements MiniBatchObjective {
        static LeastSquares random(int n, int d, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] a = new double[n][d];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    a[i][k] = r.nextDouble(-1, 1);
                }
                b[i] = r.nextDouble(-1, 1);
            }
            return new LeastSquares(a, b);
        }

        @Override
        public int dimension() {
            return a[0].length;
        }

        @Override
        public int exampleCount() {
            return b.length;
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad, int[] idx, int from, int to) {
            java.util.Arrays.fill(grad, 0);
            double v = 0;
            int m = to - from;
            for (int k = from; k < to; k++) {
                int i = idx == null ? k : idx[k];
                double r = -b[i];
                for (int j = 0; j < x.length; j++) {
                    r += a[i][j] * x[j];
                }
                v += 0.5 * r * r / m;
                for (int j = 0; j < x.length; j++) {
                    grad[j] += a[i][j] * r / m;
                }
            }
            return v;
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
            return valueAndGradient(x, grad, null, 0, b.length);
        }
    }

    /** The direction of each rule against its recurrence written out, over four steps with made-up gradients. */
    @Test
    void eachRulesDirectionByHand() {
        double lr = 0.1;
        double beta = 0.9;
        double lambda = 0.01;
        Schedule s = Schedule.constant(lr);
        double[][] g = {{1, -2}, {0.5, 0.25}, {-1, 3}, {2, 2}};
        for (String rule : List.of("gd", "shb", "nshb", "damped", "nesterov", "decay", "polyak")) {
            Optimizer o = switch (rule) {
                case "gd" -> Optimizers.gd(s);
                case "shb" -> Optimizers.torchSgd(s, beta, 0, false);
                case "nshb" -> Optimizers.gdMomentum(s, beta);
                case "damped" -> Optimizers.torchSgd(s, beta, 0.5, false);
                case "nesterov" -> Optimizers.torchSgd(s, beta, 0, true);
                case "decay" -> Optimizers.torchSgd(s, beta, 0, false, lambda);
                default -> Optimizers.heavyBall(s, beta);
            };
            Stepper st = o.start(2);
            double[] x = {0.3, -0.7};
            double[] m = {0, 0}; // the buffer by hand
            for (int t = 0; t < g.length; t++) {
                double[] expected = new double[2];
                for (int k = 0; k < 2; k++) {
                    double gk = rule.equals("decay") ? g[t][k] + lambda * x[k] : g[t][k];
                    double mk = switch (rule) {
                        case "gd" -> gk;
                        case "nshb" -> beta * m[k] + (1 - beta) * gk;
                        case "damped" -> t == 0 ? gk : beta * m[k] + 0.5 * gk; // torch: the first buffer is g itself
                        default -> t == 0 ? gk : beta * m[k] + gk;
                    };
                    m[k] = mk;
                    expected[k] = rule.equals("nesterov") ? gk + beta * mk : mk;
                }
                double[] d = new double[2];
                st.direction(x, g[t], d);
                if (rule.equals("polyak")) { // -u/h: to rounding
                    assertArrayEquals(expected, d, 1e-13, rule + " step " + t);
                } else {
                    assertArrayEquals(expected, d, 0.0, rule + " step " + t);
                }
                double[] before = x.clone();
                st.step(x, g[t]);
                for (int k = 0; k < 2; k++) { // the update is -lr times that direction
                    assertEquals(-lr * d[k], x[k] - before[k], 1e-15, rule + " step " + t);
                }
            }
        }
    }

    static double[] train(Optimizer o, int batch, boolean probe, MetricTable m) {
        LeastSquares f = LeastSquares.random(50, 4, 3);
        double[] x = {0.1, 0.2, -0.3, 0.4};
        BatchPlan plan = batch == 0 ? null : new BatchPlan(50, batch, new SplittableRandom(9));
        List<Probe> probes = probe ? List.of(new OptimizerNoiseProbe()) : List.of();
        new Trainer(f, plan, o, StopRule.steps(40), ProbeSchedule.every(5), probes).run(x, m, (step, max, loss) -> { });
        return x;
    }

    @Test
    void fullBatchGdHasNoNoiseAndMomentumHasSome() {
        MetricTable gd = new MetricTable();
        train(Optimizers.gd(Schedule.constant(0.2)), 0, true, gd);
        for (int r = 0; r < gd.rows(); r++) {
            assertEquals(0.0, gd.get("noise_level", r));
            assertEquals(0.0, gd.get("noise_angle", r));
        }
        MetricTable sgd = new MetricTable();
        train(Optimizers.gd(Schedule.constant(0.2)), 10, true, sgd);
        MetricTable shb = new MetricTable();
        train(Optimizers.torchSgd(Schedule.constant(0.2), 0.9, 0, false), 0, true, shb);
        for (int r = 1; r < sgd.rows(); r++) {
            assertTrue(sgd.get("noise_level", r) > 0, "SGD's mini-batch gradient is not the full one");
            assertTrue(shb.get("noise_level", r) > 0, "full-batch momentum: the buffer is not the gradient");
        }
        assertEquals(0.0, shb.get("noise_level", 0)); // t = 0: the first buffer is the gradient
    }

    /** With and without the probe, every rule's trajectory and its other metrics are the same bits. */
    @Test
    void theProbeChangesNothing() {
        Schedule s = Schedule.constant(0.2);
        for (Optimizer o : List.of(Optimizers.torchSgd(s, 0.9, 0.1, false, 0.01), Optimizers.gdMomentum(s, 0.9), Optimizers.heavyBall(s, 0.8),
                Optimizers.torchSgd(s, 0.9, 0, true), Optimizers.sutskeverNesterov(s, 0.9))) {
            MetricTable with = new MetricTable();
            MetricTable without = new MetricTable();
            double[] a = train(o, 10, true, with);
            double[] b = train(o, 10, false, without);
            assertArrayEquals(b, a, 0.0, o.name());
            assertArrayEquals(without.column("train_loss"), with.column("train_loss"), 0.0, o.name());
            assertTrue(with.has("noise_level") && with.get("noise_level", 3) > 0, o.name());
        }
    }

    /**
     * The variance estimate: b times the mean of ‖g_B − ∇f‖² over batches drawn without replacement,
     * against its expectation b·(n − b)/((n − 1)b)·σ², σ² = the mean over examples of ‖∇f_i − ∇f‖²
     * computed directly; 40 000 draws give a relative standard error of about 0.6 %.
     */
    @Test
    void varianceEstimateMatchesSamplingWithoutReplacement() {
        LeastSquares f = LeastSquares.random(12, 3, 5);
        double[] x = {0.2, -0.1, 0.5};
        double[] full = new double[3];
        f.valueAndGradient(x, full);
        double sigma2 = 0;
        double[] gi = new double[3];
        for (int i = 0; i < 12; i++) {
            f.valueAndGradient(x, gi, new int[] {i}, 0, 1);
            for (int k = 0; k < 3; k++) {
                sigma2 += (gi[k] - full[k]) * (gi[k] - full[k]) / 12;
            }
        }
        for (int b : new int[] {1, 4, 11}) {
            double expected = b * (12.0 - b) / ((12 - 1) * b) * sigma2;
            double c = Smoothing.varianceEstimate(f::valueAndGradient, x, full, 12, b, 40_000, new SplittableRandom(b));
            assertEquals(expected, c, 0.03 * expected, "b = " + b);
        }
        // b = n: every batch is all the data, the estimate exactly 0
        assertEquals(0.0, Smoothing.varianceEstimate(f::valueAndGradient, x, full, 12, 12, 10, new SplittableRandom(1)), 1e-30);
    }

    @Test
    void smoothingFormulas() {
        double c = 2;
        double k = 3;
        assertEquals(0.1 * Math.sqrt(2.0 / 8), new Smoothing(Smoothing.Form.SGD, 0.1, 0, 8).delta(c, k), 1e-15);
        double bh = 0.9 * (0.81 - 0.9 + 1) / (0.1 * 0.1); // β̂ at β = 0.9: 81.9
        assertEquals(81.9, Smoothing.betaHat(0.9), 1e-12);
        assertEquals(0.1 * Math.sqrt(0.25 + bh * (0.25 + 9)), new Smoothing(Smoothing.Form.SHB, 0.1, 0.9, 8).delta(c, k), 1e-14);
        assertEquals(0.1 * Math.sqrt(0.25 + 4 * 0.81 * (0.25 + 9)), new Smoothing(Smoothing.Form.NSHB, 0.1, 0.9, 8).delta(c, k), 1e-14);
        // β = 0: SHB and NSHB are SGD
        assertEquals(new Smoothing(Smoothing.Form.SGD, 0.1, 0, 8).delta(c, k), new Smoothing(Smoothing.Form.SHB, 0.1, 0, 8).delta(c, k), 0.0);
        assertEquals(new Smoothing(Smoothing.Form.SGD, 0.1, 0, 8).delta(c, k), new Smoothing(Smoothing.Form.NSHB, 0.1, 0, 8).delta(c, k), 0.0);
    }

    /** With batches: C at each probe (0 for full batch), its running maximum, K, δ and the tail mean of the level. */
    @Test
    void tailMeanVarianceAndSmoothingAlongARun() {
        LeastSquares f = LeastSquares.random(50, 4, 3);
        Smoothing shb = new Smoothing(Smoothing.Form.SHB, 0.2, 0.9, 10);
        OptimizerNoiseProbe probe = new OptimizerNoiseProbe(new OptimizerNoiseProbe.Options(20, f::valueAndGradient, 50, 10, 200,
                t -> new SplittableRandom(4 + t), shb, true));
        MetricTable m = new MetricTable();
        double[] x = {0.1, 0.2, -0.3, 0.4};
        new Trainer(f, new BatchPlan(50, 10, new SplittableRandom(9)), Optimizers.torchSgd(Schedule.constant(0.2), 0.9, 0, false),
                StopRule.steps(40), ProbeSchedule.every(5), List.of(probe)).run(x, m, (step, max, loss) -> { });
        double tail = 0;
        int rows = 0;
        double cMax = 0;
        for (int r = 0; r < m.rows(); r++) {
            assertTrue(m.get("grad_variance", r) > 0);
            cMax = Math.max(cMax, m.get("grad_variance", r));
            assertEquals(cMax, m.get("grad_variance_max", r), 0.0);
            if (m.step(r) >= 20) {
                tail += m.get("noise_level", r);
                rows++;
                assertEquals(tail / rows, m.get("noise_level_tail", r), 1e-15);
            } else {
                assertTrue(Double.isNaN(m.get("noise_level_tail", r)));
            }
            assertEquals(shb.delta(m.get("grad_variance_max", r), m.get("grad_norm_max", r)), m.get("smoothing", r), 0.0);
        }
        assertEquals(5, rows); // steps 20, 25, 30, 35, 40
        for (int r = 0; r < m.rows() - 1; r++) { // after the update: a different point, a different level
            assertTrue(m.get("noise_level_after", r) > 0 && m.get("noise_level_after", r) != m.get("noise_level", r));
        }
    }
}
