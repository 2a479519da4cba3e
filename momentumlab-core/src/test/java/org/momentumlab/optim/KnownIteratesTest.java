package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.model.Objective;

/** Iterates against closed forms on separable quadratics E(x) = ½ Σ a_i x_i². */
class KnownIteratesTest {
    /**
     * GD against (1 − ηa)^k x_0, relative. The step η is dyadic so that 1 − ηa and the scaling by η are
     * exact; the iteration then rounds twice per step (a·x and x + u), about 2e-15 relative after
     * 100 steps in practice.
     */
    static final double TOL_GD = 1e-14;
    /** Heavy ball against the two-root closed form, relative to the size of the closed form's terms. */
    static final double TOL_CLOSED_FORM = 1e-12;
    static final int STEPS = 100;

    private static Quadratic separable(double[] a) {
        return Quadratic.diagonal(a, new double[a.length]);
    }

    @Test
    void gdIteratesAreGeometric() {
        double eta = 0.125;
        double[] a = {0.5, 3, 5, 11.1, 13};
        double[] x0 = {1, -2, 0.75, 3, -1.5};
        Runs.Trajectory t = Runs.run(Optimizers.gd(Schedule.constant(eta)), separable(a), x0, STEPS);
        for (int k = 0; k <= STEPS; k++) {
            for (int i = 0; i < a.length; i++) {
                double expected = StrictMath.pow(1 - eta * a[i], k) * x0[i];
                assertEquals(expected, t.params()[k][i], TOL_GD * Math.abs(expected), "k = " + k + ", i = " + i);
            }
        }
    }

    @Test
    void gdWithStepScheduleIsProductOfFactors() {
        Schedule lr = new StepSchedule(0.25, 0.5, 7);
        double[] a = {0.5, 3, 9};
        double[] x0 = {1, -1, 2};
        Runs.Trajectory t = Runs.run(Optimizers.gd(lr), separable(a), x0, STEPS);
        for (int i = 0; i < a.length; i++) {
            double expected = x0[i];
            for (int k = 0; k < STEPS; k++) {
                expected *= 1 - lr.at(k) * a[i];
                assertEquals(expected, t.params()[k + 1][i], TOL_GD * Math.abs(expected) + Double.MIN_NORMAL);
            }
        }
    }

    /**
     * On E = ½ a x², heavy ball is x_{k+1} = (1 + β − ha)x_k − βx_{k−1}, x_{−1} = x_0 (so
     * x_1 = (1 − ha)x_0). With roots r₁ ≠ r₂ of r² − (1 + β − ha)r + β, x_k = c₁r₁^k + c₂r₂^k; with
     * complex roots √β·e^{±iω}, x_k = β^{k/2}(A cos kω + B sin kω). The coordinates below cover real
     * positive, real negative and complex roots. Heavy ball, its EMA form and torch SGD must all follow it.
     */
    @Test
    void heavyBallFollowsTwoTermRecurrenceSolution() {
        double h = 0.1;
        double beta = 0.3;
        double[] a = {0.2, 1, 5, 15, 25};
        double[] x0 = {1, -2, 0.5, 3, -1};
        Objective f = separable(a);
        List<Optimizer> forms = List.of(
                Optimizers.heavyBall(Schedule.constant(h), beta),
                Optimizers.gdMomentum(Schedule.constant(h / (1 - beta)), beta),
                Optimizers.torchSgd(Schedule.constant(h), beta, 0, false),
                Optimizers.optaxSgd(Schedule.constant(h), beta, false));
        for (Optimizer form : forms) {
            Runs.Trajectory t = Runs.run(form, f, x0, STEPS);
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k <= STEPS; k++) {
                    double[] closed = closedForm(h, beta, a[i], x0[i], k);
                    assertEquals(closed[0], t.params()[k][i], TOL_CLOSED_FORM * closed[1],
                            form.name() + ": a = " + a[i] + ", k = " + k);
                }
            }
        }
    }

    /** {x_k, size of its terms} for heavy ball on ½ a x². */
    static double[] closedForm(double h, double beta, double a, double x0, int k) {
        double s = 1 + beta - h * a;
        double disc = s * s - 4 * beta;
        double x1 = (1 - h * a) * x0;
        if (disc > 0) {
            double root = StrictMath.sqrt(disc);
            double r1 = (s + root) / 2;
            double r2 = (s - root) / 2;
            double c1 = (x1 - r2 * x0) / (r1 - r2);
            double c2 = (r1 * x0 - x1) / (r1 - r2);
            double t1 = c1 * StrictMath.pow(r1, k);
            double t2 = c2 * StrictMath.pow(r2, k);
            return new double[] {t1 + t2, Math.abs(t1) + Math.abs(t2)};
        }
        assertTrue(disc < 0, "repeated root not covered");
        double rho = StrictMath.sqrt(beta);
        double omega = StrictMath.atan2(StrictMath.sqrt(-disc), s);
        double coef = (x1 / rho - x0 * StrictMath.cos(omega)) / StrictMath.sin(omega);
        double scale = StrictMath.pow(rho, k);
        return new double[] {scale * (x0 * StrictMath.cos(k * omega) + coef * StrictMath.sin(k * omega)),
            scale * (Math.abs(x0) + Math.abs(coef))};
    }

    /**
     * With zero momentum every form is GD bit for bit: EMA(γ = 0) computes 0·e + 1·g = g, the trace
     * g + 0·t = g, heavy ball −hg + 0·(θ − x_prev), Sutskever 0·v − lr·g; torch leaves its buffer out.
     */
    @Test
    void zeroMomentumIsGdBitwise() {
        Schedule lr = new WarmupSchedule(5, new CosineSchedule(1e-3, 1e-4, 80));
        Objective[] objectives = {new Rosenbrock(4), new LogSumExp(10, 6, 0.3, 2), Quadratic.randomSpd(5, 1, 20, 3)};
        for (Objective f : objectives) {
            double[] x0 = Runs.filled(f.dimension(), -0.7);
            x0[0] = 1.3;
            Runs.Trajectory gd = Runs.run(Optimizers.gd(lr), f, x0, STEPS);
            List<Optimizer> forms = List.of(
                    Optimizers.gdMomentum(lr, 0),
                    Optimizers.heavyBall(lr, 0),
                    Optimizers.torchSgd(lr, 0, 0, false),
                    Optimizers.optaxSgd(lr, 0, false),
                    Optimizers.optaxSgd(lr, 0, true),
                    Optimizers.sutskeverNesterov(lr, 0));
            for (Optimizer form : forms) {
                assertTrue(Runs.identical(gd.params(), Runs.run(form, f, x0, STEPS).params()), form.name());
            }
        }
    }
}
