package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.momentumlab.model.FiniteDifferences;
import org.momentumlab.model.Objective;
import org.momentumlab.model.TwoParameterToy;

/** The flows' right-hand sides against central finite differences of E and of E + c‖∇E‖². */
class FlowRhsTest {
    /** Relative error allowed between an analytic derivative and a central difference with step {@link #FD_STEP}. */
    private static final double FD_REL = 1e-7;
    private static final double FD_STEP = 1e-5;
    private static final double EXACT = 1e-15;

    static Stream<Arguments> objectives() {
        return Stream.of(
                Arguments.of("toy", new TwoParameterToy(), new double[] {1.2, 0.7}),
                Arguments.of("toy x=2 y=-1", new TwoParameterToy(2.0, -1.0), new double[] {-0.4, 0.9}),
                Arguments.of("quartic-sine", new QuarticSine(), new double[] {0.6, -0.9, 0.4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void analyticDerivativesMatchFiniteDifferences(String name, Objective f, double[] x) {
        double[] g = gradient(f, x);
        assertClose(FiniteDifferences.gradient(f, x, FD_STEP), g, FD_REL);
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.3 - 0.7 * i;
        }
        double[] hv = new double[x.length];
        double[] fdHv = new double[x.length];
        f.hessianVectorProduct(x, v, hv);
        FiniteDifferences.hessianVectorProduct(f, x, v, fdHv);
        assertClose(fdHv, hv, FD_REL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void firstOrderFlowsAreScaledNegativeGradients(String name, Objective f, double[] x) {
        double[] fd = FiniteDifferences.gradient(f, x, FD_STEP);
        assertClose(scaled(-1, fd), rhs(new GradientFlow(f), x), FD_REL);
        for (double beta : new double[] {0.0, 0.5, 0.9}) {
            assertClose(scaled(-1 / (1 - beta), fd), rhs(new MomentumFlow(f, beta), x), FD_REL);
        }
        assertArrayEquals(rhs(new GradientFlow(f), x), rhs(new MomentumFlow(f, 0.0), x), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void secondOrderFlowIsScaledGradientOfRegularizedObjective(String name, Objective f, double[] x) {
        double h = 0.1;
        for (double beta : new double[] {0.0, 0.5, 0.9}) {
            double c = h * (1 + beta) / (4 * (1 - beta) * (1 - beta));
            ModifiedMomentumFlow flow = new ModifiedMomentumFlow(f, h, beta);
            assertEquals(c, flow.coefficient(), EXACT * c);
            double[] expected = scaled(-1 / (1 - beta), FiniteDifferences.gradient(regularized(f, c), x, FD_STEP));
            double[] actual = rhs(flow, x);
            assertClose(expected, actual, FD_REL);
            double[] first = rhs(new MomentumFlow(f, beta), x);
            assertTrue(distance(actual, first) > 1e4 * FD_REL * norm(actual), "the regularizer changes the RHS measurably");
        }
    }

    @Test
    void igrIsTheModifiedFlowOfGradientDescent() {
        Objective f = new QuarticSine();
        double[] x = {0.3, 0.2, -0.5};
        ModifiedMomentumFlow igr = ModifiedMomentumFlow.igr(f, 0.05);
        assertEquals(0.05 / 4, igr.coefficient(), EXACT);
        assertEquals(0.0, igr.beta());
        assertArrayEquals(rhs(new ModifiedMomentumFlow(f, 0.05, 0.0), x), rhs(igr, x), EXACT);
        assertClose(scaled(-1, FiniteDifferences.gradient(regularized(f, 0.05 / 4), x, FD_STEP)), rhs(igr, x), FD_REL);
    }

    @Test
    void hipparchusViewAllocatesTheSameDerivative() {
        ObjectiveFlow flow = new ModifiedMomentumFlow(new TwoParameterToy(), 0.01, 0.8);
        double[] x = {2.8, 3.4};
        assertEquals(2, flow.getDimension());
        assertArrayEquals(rhs(flow, x), flow.computeDerivatives(1.5, x), 0.0);
        assertArrayEquals(new double[] {2.8, 3.4}, x, 0.0);
    }

    @Test
    void validatesBetaAndStep() {
        Objective f = new TwoParameterToy();
        assertEquals("beta = 1.0 is out of range: must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new MomentumFlow(f, 1.0)).getMessage());
        assertEquals("beta = -0.1 is out of range: must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new ModifiedMomentumFlow(f, 0.1, -0.1)).getMessage());
        assertEquals("h = 0.0 is out of range: must be > 0",
                assertThrows(IllegalArgumentException.class, () -> new ModifiedMomentumFlow(f, 0.0, 0.5)).getMessage());
        assertEquals("h = NaN is not a finite number",
                assertThrows(IllegalArgumentException.class, () -> ModifiedMomentumFlow.igr(f, Double.NaN)).getMessage());
        assertEquals("objective = null is not allowed",
                assertThrows(IllegalArgumentException.class, () -> new GradientFlow(null)).getMessage());
        assertEquals("x.length = 3 does not match the objective's dimension 2",
                assertThrows(IllegalArgumentException.class, () -> new GradientFlow(f).derivative(new double[3], new double[2])).getMessage());
    }

    /** E + c‖∇E‖² as a value-only objective for finite differences. */
    static Objective regularized(Objective f, double c) {
        return new Objective() {
            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                throw new UnsupportedOperationException("value only");
            }

            @Override
            public double value(double[] x) {
                double[] g = new double[f.dimension()];
                double e = f.valueAndGradient(x, g);
                double s = 0;
                for (double gi : g) {
                    s += gi * gi;
                }
                return e + c * s;
            }
        };
    }

    static double[] rhs(ObjectiveFlow flow, double[] x) {
        double[] out = new double[x.length];
        flow.derivative(x, out);
        return out;
    }

    static double[] gradient(Objective f, double[] x) {
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        return g;
    }

    static double[] scaled(double s, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = s * a[i];
        }
        return out;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static void assertClose(double[] expected, double[] actual, double rel) {
        double err = distance(expected, actual);
        double scale = Math.max(1.0, norm(expected));
        assertTrue(err <= rel * scale, () -> "‖expected − actual‖ = " + err + " exceeds " + rel + "·" + scale
                + "; expected " + java.util.Arrays.toString(expected) + ", actual " + java.util.Arrays.toString(actual));
    }
}
