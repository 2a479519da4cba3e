package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Single pieces on hand-computed inputs (dyadic numbers, so the expected values are exact). */
class TransformsTest {
    static final double[] THETA = {1, -2, 0.5};

    @Test
    void addDecayedWeights() {
        GradientTransformation t = new AddDecayedWeights(0.25);
        double[] u = {1, 1, 1};
        t.update(u, t.init(3), THETA);
        assertArrayEquals(new double[] {1.25, 0.5, 1.125}, u, 0.0);
    }

    @Test
    void emaStartsFromZero() {
        Ema ema = new Ema(0.75);
        TransformState s = ema.init(2);
        double[] u = {4, -8};
        ema.update(u, s, THETA);
        assertArrayEquals(new double[] {1, -2}, u, 0.0);
        u = new double[] {4, 0};
        ema.update(u, s, THETA);
        assertArrayEquals(new double[] {0.75 + 1, -1.5}, u, 0.0);
        assertArrayEquals(u, s.momentumBuffer(), 0.0);
    }

    @Test
    void traceAndNesterovTrace() {
        double[] u = {2};
        Trace plain = new Trace(0.5, false);
        TransformState s = plain.init(1);
        plain.update(u, s, THETA);
        assertEquals(2, u[0], 0.0);
        u[0] = 2;
        plain.update(u, s, THETA);
        assertEquals(3, u[0], 0.0); // t = 2 + 0.5·2

        Trace nesterov = new Trace(0.5, true);
        s = nesterov.init(1);
        u[0] = 2;
        nesterov.update(u, s, THETA);
        assertEquals(3, u[0], 0.0); // t = 2; u = 2 + 0.5·2
        u[0] = 2;
        nesterov.update(u, s, THETA);
        assertEquals(3.5, u[0], 0.0); // t = 2 + 0.5·2 = 3; u = 2 + 0.5·3
    }

    @Test
    void torchBufferCopiesTheFirstUpdateThenDampens() {
        TorchMomentum t = new TorchMomentum(0.5, 0.75, false);
        TransformState s = t.init(1);
        double[] u = {8};
        t.update(u, s, THETA);
        assertEquals(8, u[0], 0.0); // b = g on the first step: no dampening
        u[0] = 8;
        t.update(u, s, THETA);
        assertEquals(4 + 2, u[0], 0.0); // b = 0.5·8 + 0.25·8
        assertEquals(6, s.momentumBuffer()[0], 0.0);

        TorchMomentum n = new TorchMomentum(0.5, 0, true);
        s = n.init(1);
        u[0] = 8;
        n.update(u, s, THETA);
        assertEquals(12, u[0], 0.0); // b = 8; u = 8 + 0.5·8
    }

    @Test
    void scaleByScheduleCountsItsUpdates() {
        ScaleBySchedule t = new ScaleBySchedule(new StepSchedule(1, 0.5, 1));
        ScaleBySchedule.State s = t.init(1);
        double[] u = {4};
        t.update(u, s, THETA);
        assertEquals(-4, u[0], 0.0);
        t.update(u, s, THETA);
        assertEquals(2, u[0], 0.0);
        assertEquals(2, s.step());
        assertNull(s.momentumBuffer());
    }

    @Test
    void heavyBallUsesPreviousPosition() {
        PolyakHeavyBall t = new PolyakHeavyBall(Schedule.constant(0.5), 0.25);
        PolyakHeavyBall.State s = t.init(1);
        double[] u = {2};
        t.update(u, s, new double[] {1});
        assertEquals(-1, u[0], 0.0); // x_{-1} = x_0: no momentum on the first step
        u[0] = 2;
        t.update(u, s, new double[] {0});
        assertEquals(-1 + 0.25 * (0 - 1), u[0], 0.0);
        assertNull(s.momentumBuffer());
    }

    @Test
    void sutskeverLooksAhead() {
        SutskeverNesterov t = new SutskeverNesterov(Schedule.constant(0.5), 0.5);
        TransformState s = t.init(1);
        double[] out = new double[1];
        t.lookahead(new double[] {3}, s, out);
        assertEquals(3, out[0], 0.0);
        double[] u = {2};
        t.update(u, s, new double[] {3});
        assertEquals(-1, u[0], 0.0); // v = 0.5·0 − 0.5·2
        t.lookahead(new double[] {2}, s, out);
        assertEquals(1.5, out[0], 0.0); // θ + μv = 2 − 0.5
        assertNull(s.momentumBuffer());
    }

    @Test
    void chainAppliesInOrderAndExposesFirstBuffer() {
        Chain chain = new Chain(new AddDecayedWeights(1), new Ema(0.5), new Trace(0.5, false), new ScaleBySchedule(Schedule.constant(2)));
        Chain.State s = chain.init(1);
        double[] u = {3};
        chain.update(u, s, new double[] {1});
        assertEquals(-4, u[0], 0.0); // (3 + 1) → ema 2 → trace 2 → −2·2
        assertSame(s.part(1).momentumBuffer(), s.momentumBuffer());
        assertEquals(4, chain.size());
        assertNull(new Chain(new ScaleBySchedule(Schedule.constant(1))).init(1).momentumBuffer());
        assertNull(new Chain().init(1).momentumBuffer());
    }
}
