package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Stepper#step} allocates nothing: bytes allocated by this thread around 1000 steps on a
 * 1000-dimensional vector, after a warm-up that lets the JIT compile the loop, must be 0 (in at least
 * one of five measurements).
 */
class AllocationTest {
    static final int DIMENSION = 1000;
    static final int WARMUP_STEPS = 20_000;
    static final int MEASURED_STEPS = 1000;

    @Test
    void stepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        Schedule lr = new WarmupSchedule(10, new CosineSchedule(1e-3, 1e-4, 100_000));
        List<Optimizer> optimizers = List.of(
                Optimizers.gdMomentum(lr, 0.9),
                Optimizers.torchSgd(lr, 0.9, 0.1, false, 1e-4),
                Optimizers.torchSgd(lr, 0.9, 0, true, 1e-4),
                Optimizers.heavyBall(lr, 0.9),
                Optimizers.optaxSgd(lr, 0.9, true),
                Optimizers.sutskeverNesterov(lr, 0.9));
        for (Optimizer optimizer : optimizers) {
            Stepper stepper = optimizer.start(DIMENSION);
            double[] theta = new double[DIMENSION];
            double[] grad = new double[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                grad[i] = Math.sin(i);
            }
            run(stepper, theta, grad, WARMUP_STEPS);
            // the fewest bytes over five measurements: on a busy machine the JIT may still be replacing
            // the loop's code during one of them (a transition allocates a few bytes once); steady state must allocate none
            long fewest = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5 && fewest != 0; attempt++) {
                long baseline = measure(threads, stepper, theta, grad, 0);
                long bytes = measure(threads, stepper, theta, grad, MEASURED_STEPS);
                fewest = Math.min(fewest, bytes - baseline);
            }
            assertEquals(0, fewest, optimizer.name() + " allocated in step()");
        }
    }

    private static long measure(com.sun.management.ThreadMXBean threads, Stepper stepper, double[] theta, double[] grad, int steps) {
        long before = threads.getCurrentThreadAllocatedBytes();
        run(stepper, theta, grad, steps);
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static void run(Stepper stepper, double[] theta, double[] grad, int steps) {
        for (int k = 0; k < steps; k++) {
            double[] at = stepper.evaluationPoint(theta);
            grad[k % DIMENSION] += 1e-9 * at[0];
            stepper.step(theta, grad);
        }
    }
}
