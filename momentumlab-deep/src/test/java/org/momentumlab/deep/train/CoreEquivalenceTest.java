package org.momentumlab.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.momentumlab.model.Objective;
import org.momentumlab.model.nets.ArchSpec;
import org.momentumlab.model.nets.GaussianTeacherData;
import org.momentumlab.model.nets.Network;
import org.momentumlab.model.nets.NetworkObjective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.momentumlab.util.ComputePool;

/**
 * A 1-MLP on the engine and the core's hand-written one, from the same θ⁰ on the same data, follow the
 * same trajectory for 100 steps of every optimizer (float64): the engine network trains with the
 * core's own update rules through the flat θ.
 */
class CoreEquivalenceTest {
    static final int D = 6;
    static final int H = 5;
    static final int N = 40;
    static ComputePool pool;
    static NetworkObjective core;
    static DeepObjective deep;
    static double[] theta0;

    @BeforeAll
    static void build() {
        pool = new ComputePool(1);
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = GaussianTeacherData.inputs(N, D, rng);
        byte[] y = new byte[N];
        for (int i = 0; i < N; i++) {
            y[i] = (byte) (x[i * D] + 0.3 * x[i * D + 1] > 0 ? 1 : -1);
        }
        Network net = new Network(ArchSpec.mlp1(H), D);
        core = new NetworkObjective(net, x, y, 0, pool);
        deep = new DeepObjective(new Mlp1(D, H), x, y, D, DataType.FLOAT64, 16);
        theta0 = new double[net.parameterCount()];
        net.initialize(theta0, new SplittableRandom(4));
        assertEquals(theta0.length, deep.dimension());
    }

    @AfterAll
    static void close() {
        deep.close();
        pool.close();
    }

    static double maxRelDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
        }
        return m;
    }

    @Test
    void lossAndGradientAgreeAndMicroBatchesSumToTheFullGradient() {
        double[] g1 = new double[theta0.length];
        double[] g2 = new double[theta0.length];
        double l1 = core.valueAndGradient(theta0, g1);
        double l2 = deep.valueAndGradient(theta0, g2);
        assertEquals(l1, l2, 1e-14);
        assertTrue(maxRelDiff(g1, g2) < 1e-14, "gradient differs by " + maxRelDiff(g1, g2));
        assertEquals(l1, deep.value(theta0), 1e-14);
        // all examples as one mini-batch (no micro-batches) = the accumulated full batch
        int[] all = new int[N];
        for (int i = 0; i < N; i++) {
            all[i] = i;
        }
        double[] g3 = new double[theta0.length];
        assertEquals(l2, deep.valueAndGradient(theta0, g3, all, 0, N), 1e-14);
        assertTrue(maxRelDiff(g2, g3) < 1e-14);
    }

    @Test
    void everyOptimizerFollowsTheCoreTrajectory() {
        Schedule lr = Schedule.constant(0.2);
        List<Optimizer> optimizers = List.of(Optimizers.gd(lr), Optimizers.gdMomentum(lr, 0.9), Optimizers.heavyBall(lr, 0.8),
                Optimizers.torchSgd(lr, 0.9, 0.1, false, 1e-3), Optimizers.torchSgd(lr, 0.9, 0, true, 0),
                Optimizers.optaxSgd(lr, 0.9, true), Optimizers.sutskeverNesterov(lr, 0.9));
        for (Optimizer o : optimizers) {
            double worst = run(o, core, deep);
            assertTrue(worst < 1e-10, o + ": trajectories differ by " + worst);
        }
    }

    /** 100 steps of {@code o} on both objectives in lockstep; the largest relative difference of θ seen. */
    static double run(Optimizer o, Objective a, Objective b) {
        Stepper sa = o.start(theta0.length);
        Stepper sb = o.start(theta0.length);
        double[] ta = theta0.clone();
        double[] tb = theta0.clone();
        double[] ga = new double[theta0.length];
        double[] gb = new double[theta0.length];
        double worst = 0;
        for (int t = 0; t < 100; t++) {
            a.valueAndGradient(sa.evaluationPoint(ta), ga);
            b.valueAndGradient(sb.evaluationPoint(tb), gb);
            sa.step(ta, ga);
            sb.step(tb, gb);
            worst = Math.max(worst, maxRelDiff(ta, tb));
        }
        return worst;
    }
}
