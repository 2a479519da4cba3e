package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.momentumlab.model.Objective;

/**
 * The optimizer forms against each other, 100 steps from the same start on the same objective.
 * Errors are {@link Runs#mixedError}: max |a − b| / max(1, ‖a‖∞), worst over all iterates.
 */
class EquivalenceTest {
    /** Forms equal in exact arithmetic that round differently. */
    static final double TOL_EQUIV = 1e-12;
    static final int STEPS = 100;
    static final double GAMMA = 0.9;

    /** One objective with a start and an EMA-form learning rate η that keeps every form stable. */
    record Case(String name, Objective f, double[] x0, double eta) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("diagonal quadratic",
                        Quadratic.diagonal(new double[] {1, 3, 10, 0.5}, new double[] {1, -2, 0.5, 3}),
                        new double[] {2, -1, 0.5, 3}, 0.1),
                new Case("dense quadratic", Quadratic.randomSpd(6, 0.5, 10, 11),
                        new double[] {1, -2, 3, -1, 0.5, 2}, 0.1),
                new Case("rosenbrock 2-D", new Rosenbrock(2), new double[] {-1.2, 1}, 1e-3),
                new Case("rosenbrock 5-D", new Rosenbrock(5), new double[] {-1.2, 1, -0.5, 0.8, 1.3}, 1e-3),
                new Case("log-sum-exp", new LogSumExp(12, 8, 0.5, 5), Runs.filled(8, 1.5), 0.5));
    }

    static Stream<Arguments> casesAndDampening() {
        return cases().flatMap(c -> Stream.of(Arguments.of(c, 0.3), Arguments.of(c, 0.7)));
    }

    static Schedule lr(double value) {
        return Schedule.constant(value);
    }

    /**
     * GD+M (EMA, η, γ) ≡ heavy ball (h = η(1−γ), β = γ) ≡ torch SGD (lr = η(1−γ), momentum γ, dampening 0):
     * iterates agree, and the buffers satisfy e_k = (1−γ)·b_k.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void emaHeavyBallAndTorchAgree(Case c) {
        double h = c.eta() * (1 - GAMMA);
        Runs.Trajectory ema = Runs.run(Optimizers.gdMomentum(lr(c.eta()), GAMMA), c.f(), c.x0(), STEPS);
        Runs.Trajectory ball = Runs.run(Optimizers.heavyBall(lr(h), GAMMA), c.f(), c.x0(), STEPS);
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(lr(h), GAMMA, 0, false), c.f(), c.x0(), STEPS);
        assertTrue(Runs.maxMixedError(ema.params(), ball.params()) <= TOL_EQUIV, "EMA vs heavy ball");
        assertTrue(Runs.maxMixedError(ema.params(), torch.params()) <= TOL_EQUIV, "EMA vs torch");
        for (int k = 1; k <= STEPS; k++) {
            double[] scaled = torch.buffer()[k].clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= 1 - GAMMA;
            }
            assertTrue(Runs.mixedError(ema.buffer()[k], scaled) <= TOL_EQUIV, "e_k = (1-γ) b_k at k = " + k);
        }
        assertMoved(ema);
    }

    /**
     * torch SGD with dampening 0 is Optax's trace: b¹ = g⁰ equals the zero start μ·0 + g⁰, and the
     * arithmetic is the same, so iterates and buffers agree bit for bit; both agree with heavy ball
     * (h = lr, β = μ) to rounding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void torchWithoutDampeningIsOptaxTraceAndHeavyBall(Case c) {
        double rate = c.eta() * (1 - GAMMA);
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, 0, false), c.f(), c.x0(), STEPS);
        Runs.Trajectory optax = Runs.run(Optimizers.optaxSgd(lr(rate), GAMMA, false), c.f(), c.x0(), STEPS);
        Runs.Trajectory ball = Runs.run(Optimizers.heavyBall(lr(rate), GAMMA), c.f(), c.x0(), STEPS);
        assertTrue(Runs.identical(torch.params(), optax.params()), "torch vs optax iterates, bitwise");
        assertTrue(Runs.identical(sliceFrom1(torch.buffer()), sliceFrom1(optax.buffer())), "torch vs optax buffers, bitwise");
        assertTrue(Runs.maxMixedError(torch.params(), ball.params()) <= TOL_EQUIV, "torch vs heavy ball");
    }

    /**
     * torch SGD with lr = η, dampening τ = γ is not GD+M(η, γ): its first buffer is g⁰ instead of
     * (1−γ)g⁰, so its first step is the plain GD step θ⁰ − ηg⁰. Exactly: it is the EMA form started
     * from e⁰ = g⁰ (instead of 0), equivalently heavy ball (h = η(1−γ), β = γ) started from
     * x₋₁ = x₀ + ηg⁰ (instead of x₀); from the second step on all three follow the same recurrence.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void torchDampenedByGammaIsEmaStartedFromFirstGradient(Case c) {
        double eta = c.eta();
        Objective f = c.f();
        double[] x0 = c.x0();
        int n = x0.length;
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(lr(eta), GAMMA, GAMMA, false), f, x0, STEPS);
        Runs.Trajectory gd = Runs.run(Optimizers.gd(lr(eta)), f, x0, 1);
        Runs.Trajectory ema = Runs.run(Optimizers.gdMomentum(lr(eta), GAMMA), f, x0, STEPS);
        double[] g0 = new double[n];
        f.valueAndGradient(x0, g0);

        // First step: torch(τ = γ) takes exactly the GD step; EMA takes (1-γ) of it.
        assertArrayEquals(gd.params()[1], torch.params()[1], 0.0);
        for (int i = 0; i < n; i++) {
            assertEquals(x0[i] - eta * (1 - GAMMA) * g0[i], ema.params()[1][i], TOL_EQUIV * Math.max(1, Math.abs(x0[i])));
        }

        // Hand-written EMA with e⁰ = g⁰.
        double[][] emaFromGradient = new double[STEPS + 1][];
        double[] theta = x0.clone();
        double[] e = g0.clone();
        double[] g = new double[n];
        emaFromGradient[0] = theta.clone();
        for (int k = 0; k < STEPS; k++) {
            f.valueAndGradient(theta, g);
            for (int i = 0; i < n; i++) {
                e[i] = GAMMA * e[i] + (1 - GAMMA) * g[i];
                theta[i] -= eta * e[i];
            }
            emaFromGradient[k + 1] = theta.clone();
        }
        assertTrue(Runs.maxMixedError(torch.params(), emaFromGradient) <= TOL_EQUIV, "torch(τ=γ) vs EMA with e⁰ = g⁰");

        // Hand-written heavy ball with x₋₁ = x₀ + ηg⁰.
        double h = eta * (1 - GAMMA);
        double[][] ball = new double[STEPS + 1][];
        double[] x = x0.clone();
        double[] prev = new double[n];
        for (int i = 0; i < n; i++) {
            prev[i] = x0[i] + eta * g0[i];
        }
        ball[0] = x.clone();
        for (int k = 0; k < STEPS; k++) {
            f.valueAndGradient(x, g);
            for (int i = 0; i < n; i++) {
                double next = x[i] - h * g[i] + GAMMA * (x[i] - prev[i]);
                prev[i] = x[i];
                x[i] = next;
            }
            ball[k + 1] = x.clone();
        }
        assertTrue(Runs.maxMixedError(torch.params(), ball) <= TOL_EQUIV, "torch(τ=γ) vs heavy ball with x₋₁ = x₀ + ηg⁰");

        // And it is a different trajectory from GD+M(η, γ): already the first steps differ by ηγ|g⁰|.
        double firstGap = 0;
        for (int i = 0; i < n; i++) {
            firstGap = Math.max(firstGap, Math.abs(torch.params()[1][i] - ema.params()[1][i]));
        }
        assertTrue(firstGap > 1e3 * TOL_EQUIV, "torch(τ=γ) and GD+M must differ");
    }

    /** torch SGD with dampening τ against a literal loop of torch's rule. */
    @ParameterizedTest(name = "{0}, dampening {1}")
    @MethodSource("casesAndDampening")
    void torchDampeningMatchesHandWrittenLoop(Case c, double tau) {
        double rate = c.eta() * (1 - GAMMA);
        Objective f = c.f();
        int n = c.x0().length;
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, tau, false), f, c.x0(), STEPS);
        double[] theta = c.x0().clone();
        double[] buf = null;
        double[] g = new double[n];
        double[][] reference = new double[STEPS + 1][];
        reference[0] = theta.clone();
        for (int k = 0; k < STEPS; k++) {
            f.valueAndGradient(theta, g);
            if (buf == null) {
                buf = g.clone();
            } else {
                for (int i = 0; i < n; i++) {
                    buf[i] = GAMMA * buf[i] + (1 - tau) * g[i];
                }
            }
            for (int i = 0; i < n; i++) {
                theta[i] -= rate * buf[i];
            }
            reference[k + 1] = theta.clone();
        }
        assertTrue(Runs.maxMixedError(reference, torch.params()) <= TOL_EQUIV);
    }

    /**
     * Nesterov. torch (nesterov, dampening 0) ≡ Optax (trace, nesterov) bit for bit. Sutskever's form
     * with constant lr is torch nesterov under φ = θ + μv: torch's k-th iterate p_k equals Sutskever's
     * evaluation point θ_k + μv_k, and torch's buffer b_k equals −v_k/lr (compared as v_k = −lr·b_k).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nesterovForms(Case c) {
        double rate = c.eta() * (1 - GAMMA);
        Objective f = c.f();
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, 0, true), f, c.x0(), STEPS);
        Runs.Trajectory optax = Runs.run(Optimizers.optaxSgd(lr(rate), GAMMA, true), f, c.x0(), STEPS);
        assertTrue(Runs.identical(torch.params(), optax.params()), "torch vs optax nesterov, bitwise");

        int n = c.x0().length;
        Stepper sutskever = Optimizers.sutskeverNesterov(lr(rate), GAMMA).start(n);
        double[] theta = c.x0().clone();
        double[] g = new double[n];
        for (int k = 0; k <= STEPS; k++) {
            double[] phi = sutskever.evaluationPoint(theta);
            assertTrue(Runs.mixedError(torch.params()[k], phi) <= TOL_EQUIV, "p_k = θ_k + μv_k at k = " + k);
            if (k > 0) {
                double[] v = ((SutskeverNesterov.State) sutskever.state()).velocity();
                double[] minusLrB = torch.buffer()[k].clone();
                for (int i = 0; i < n; i++) {
                    minusLrB[i] *= -rate;
                }
                assertTrue(Runs.mixedError(minusLrB, v) <= TOL_EQUIV, "v_k = -lr b_k at k = " + k);
                assertArrayEquals(v, sutskever.lastUpdate(), 0.0);
            }
            if (k < STEPS) {
                f.valueAndGradient(phi, g);
                sutskever.step(theta, g);
            }
        }
        assertMoved(torch);
    }

    /**
     * Weight decay is L2 added to the gradient before the buffer: torch SGD(λ) on E equals
     * torch SGD(0) on E + (λ/2)‖x‖². Both compute g + λθ in the same order, so the equality is bitwise
     * (stronger than the 1e-12 asked for).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightDecayIsL2Penalty(Case c) {
        double rate = c.eta() * (1 - GAMMA);
        double lambda = 0.05;
        Objective penalized = new L2Penalized(c.f(), lambda);
        for (double tau : new double[] {0, 0.5}) {
            Runs.Trajectory decayed = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, tau, false, lambda), c.f(), c.x0(), STEPS);
            Runs.Trajectory plain = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, tau, false, 0), penalized, c.x0(), STEPS);
            assertTrue(Runs.identical(decayed.params(), plain.params()), "dampening " + tau);
            assertTrue(Runs.maxMixedError(decayed.params(), plain.params()) <= TOL_EQUIV);
        }
        Runs.Trajectory decayed = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, 0, true, lambda), c.f(), c.x0(), STEPS);
        Runs.Trajectory plain = Runs.run(Optimizers.torchSgd(lr(rate), GAMMA, 0, true, 0), penalized, c.x0(), STEPS);
        assertTrue(Runs.identical(decayed.params(), plain.params()), "nesterov");
        Runs.Trajectory decayedGd = Runs.run(Optimizers.torchSgd(lr(rate), 0, 0, false, lambda), c.f(), c.x0(), STEPS);
        Runs.Trajectory plainGd = Runs.run(Optimizers.torchSgd(lr(rate), 0, 0, false, 0), penalized, c.x0(), STEPS);
        assertTrue(Runs.identical(decayedGd.params(), plainGd.params()), "no momentum");
    }

    /**
     * With a varying learning rate η_k, EMA(η_k, γ) ≡ torch(lr_k = η_k(1−γ)) still holds (both scale a
     * buffer with e = (1−γ)b), but heavy ball with h_k = η_k(1−γ) does not: the EMA form's displacement
     * recurrence is Δ_{k+1} = (η_k/η_{k−1})γΔ_k − η_k(1−γ)g_k, not γΔ_k − h_k g_k.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scheduledEmaIsTorchButNotHeavyBall(Case c) {
        Schedule eta = new WarmupSchedule(10, new CosineSchedule(c.eta(), 0.1 * c.eta(), STEPS));
        Schedule scaled = t -> (1 - GAMMA) * eta.at(t);
        Runs.Trajectory ema = Runs.run(Optimizers.gdMomentum(eta, GAMMA), c.f(), c.x0(), STEPS);
        Runs.Trajectory torch = Runs.run(Optimizers.torchSgd(scaled, GAMMA, 0, false), c.f(), c.x0(), STEPS);
        Runs.Trajectory ball = Runs.run(Optimizers.heavyBall(scaled, GAMMA), c.f(), c.x0(), STEPS);
        assertTrue(Runs.maxMixedError(ema.params(), torch.params()) <= TOL_EQUIV, "EMA vs torch with a schedule");
        assertTrue(Runs.maxMixedError(ema.params(), ball.params()) > 1e3 * TOL_EQUIV, "heavy ball must differ under a schedule");
    }

    private static double[][] sliceFrom1(double[][] rows) {
        double[][] out = new double[rows.length - 1][];
        System.arraycopy(rows, 1, out, 0, out.length);
        return out;
    }

    /** Guards against vacuous agreement: the run must have moved. */
    private static void assertMoved(Runs.Trajectory t) {
        double[] first = t.params()[0];
        double[] last = t.params()[t.params().length - 1];
        assertTrue(Runs.mixedError(first, last) > 1e-3, "the run did not move");
    }
}
