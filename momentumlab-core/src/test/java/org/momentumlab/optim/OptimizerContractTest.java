package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.momentumlab.model.Objective;

/**
 * The contract every named optimizer keeps. Each is built from an effective step s (the GD step it
 * moves like at steady state: lr for GD, h/(1−β) for momentum forms) with β = 0.9.
 */
class OptimizerContractTest {
    static final double BETA = 0.9;

    /** Well-conditioned quadratic (n = 8, eigenvalues in [1, 10]), s = 0.1: E − E* ≤ 1e-10 within 1 000 steps (the slowest form needs about 270). */
    static final double QUADRATIC_STEP = 0.1;
    static final double QUADRATIC_TOL = 1e-10;
    static final int QUADRATIC_BUDGET = 1_000;

    /** 2-D Rosenbrock from (−1.2, 1), s = 1e-3: E ≤ 1e-10 within 60 000 steps (every form needs about 26 000). */
    static final double ROSENBROCK_STEP = 1e-3;
    static final double ROSENBROCK_TOL = 1e-10;
    static final int ROSENBROCK_BUDGET = 60_000;

    record Named(String label, boolean hasBuffer, DoubleFunction<Optimizer> make) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Named> optimizers() {
        return Stream.of(
                new Named("gd", false, s -> Optimizers.gd(Schedule.constant(s))),
                new Named("gdMomentum", true, s -> Optimizers.gdMomentum(Schedule.constant(s), BETA)),
                new Named("heavyBall", false, s -> Optimizers.heavyBall(Schedule.constant(s * (1 - BETA)), BETA)),
                new Named("torchSgd", true, s -> Optimizers.torchSgd(Schedule.constant(s * (1 - BETA)), BETA, 0, false)),
                new Named("torchSgd dampened", true, s -> Optimizers.torchSgd(Schedule.constant(s), BETA, BETA, false)),
                new Named("torchSgd nesterov", true, s -> Optimizers.torchSgd(Schedule.constant(s * (1 - BETA)), BETA, 0, true)),
                new Named("torchSgd no momentum", false, s -> Optimizers.torchSgd(Schedule.constant(s), 0, 0, false)),
                new Named("optaxSgd", true, s -> Optimizers.optaxSgd(Schedule.constant(s * (1 - BETA)), BETA, false)),
                new Named("optaxSgd nesterov", true, s -> Optimizers.optaxSgd(Schedule.constant(s * (1 - BETA)), BETA, true)),
                new Named("sutskeverNesterov", false, s -> Optimizers.sutskeverNesterov(Schedule.constant(s * (1 - BETA)), BETA)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aRestoredStepperContinuesBitForBit(Named named) throws Exception {
        Quadratic f = Quadratic.randomSpd(8, 1, 10, 42);
        Optimizer o = named.make().apply(QUADRATIC_STEP);
        Stepper a = o.start(8);
        double[] x = Runs.filled(8, 2);
        double[] g = new double[8];
        for (int k = 0; k < 7; k++) {
            f.valueAndGradient(a.evaluationPoint(x), g);
            a.step(x, g);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.save(new java.io.DataOutputStream(bytes));
        Stepper b = o.start(8);
        b.restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(a.steps(), b.steps());
        double[] y = x.clone();
        double[] h = new double[8];
        for (int k = 0; k < 9; k++) {
            f.valueAndGradient(a.evaluationPoint(x), g);
            a.step(x, g);
            f.valueAndGradient(b.evaluationPoint(y), h);
            b.step(y, h);
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), named + " coordinate " + i);
        }
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> o.start(9).restore(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("a checkpoint of 8 parameters for 9", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void convergesOnWellConditionedQuadratic(Named named) {
        Quadratic f = Quadratic.randomSpd(8, 1, 10, 42);
        double target = f.minimumValue();
        int used = stepsToReach(named.make().apply(QUADRATIC_STEP), f, Runs.filled(8, 2), target + QUADRATIC_TOL, QUADRATIC_BUDGET);
        assertTrue(used <= QUADRATIC_BUDGET, named.label() + " did not reach the tolerance within the budget");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void convergesOnRosenbrock(Named named) {
        int used = stepsToReach(named.make().apply(ROSENBROCK_STEP), new Rosenbrock(2), new double[] {-1.2, 1}, ROSENBROCK_TOL, ROSENBROCK_BUDGET);
        assertTrue(used <= ROSENBROCK_BUDGET, named.label() + " did not reach the tolerance within the budget");
    }

    /** Number of steps until E(θ) ≤ target, or budget + 1 if never. */
    private static int stepsToReach(Optimizer optimizer, Objective f, double[] x0, double target, int budget) {
        double[] theta = x0.clone();
        double[] grad = new double[theta.length];
        Stepper stepper = optimizer.start(theta.length);
        for (int k = 0; k <= budget; k++) {
            if (f.value(theta) <= target) {
                return k;
            }
            f.valueAndGradient(stepper.evaluationPoint(theta), grad);
            stepper.step(theta, grad);
        }
        return budget + 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stepperBookkeeping(Named named) {
        Optimizer optimizer = named.make().apply(QUADRATIC_STEP);
        Objective f = new LogSumExp(7, 5, 0.5, 9);
        Stepper stepper = optimizer.start(5);
        assertEquals(0, stepper.steps());
        assertArrayEquals(new double[5], stepper.lastUpdate(), 0.0);
        double[] theta = {0.3, -1, 2, 0.5, -0.2};
        double[] grad = new double[5];
        boolean lookahead = optimizer.transform() instanceof Lookahead;
        assertEquals(lookahead, optimizer.usesLookahead());
        assertEquals(named.label().startsWith("sutskever"), lookahead);
        for (int k = 1; k <= 20; k++) {
            double[] before = theta.clone();
            double[] at = stepper.evaluationPoint(theta);
            assertArrayEquals(before, theta, 0.0, "evaluationPoint must not modify params");
            if (lookahead) {
                assertNotSame(theta, at);
            } else {
                assertSame(theta, at);
            }
            f.valueAndGradient(at, grad);
            double[] gradCopy = grad.clone();
            stepper.step(theta, grad);
            assertArrayEquals(gradCopy, grad, 0.0, "step must not modify grad");
            assertEquals(k, stepper.steps());
            for (int i = 0; i < 5; i++) {
                assertEquals(theta[i], before[i] + stepper.lastUpdate()[i], 0.0, "θ_{k+1} = θ_k + u");
            }
            if (named.hasBuffer()) {
                assertNotNull(stepper.momentumBuffer());
            } else {
                assertNull(stepper.momentumBuffer());
            }
        }
    }
}
