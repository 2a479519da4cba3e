package org.momentumlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ScheduleTest {
    /** Schedules are a few flops; hand-computed values agree to rounding. */
    static final double TOL = 1e-15;

    @Test
    void constant() {
        Schedule s = Schedule.constant(0.3);
        assertEquals(new ConstantSchedule(0.3), s);
        assertEquals(0.3, s.at(0), 0.0);
        assertEquals(0.3, s.at(1_000_000_000_000L), 0.0);
        assertEquals(0.0, Schedule.constant(0).at(5), 0.0);
    }

    @Test
    void stepDecay() {
        Schedule s = new StepSchedule(0.8, 0.5, 10);
        assertEquals(0.8, s.at(0), TOL);
        assertEquals(0.8, s.at(9), TOL);
        assertEquals(0.4, s.at(10), TOL);
        assertEquals(0.4, s.at(19), TOL);
        assertEquals(0.2, s.at(20), TOL);
        assertEquals(0.8 * Math.pow(0.5, 10), s.at(105), TOL);
        assertEquals(3.0, new StepSchedule(1, 3, 1).at(1), TOL);
    }

    @Test
    void cosine() {
        Schedule s = new CosineSchedule(1.0, 0.1, 100);
        assertEquals(1.0, s.at(0), TOL);
        assertEquals(0.55, s.at(50), TOL);
        assertEquals(0.1 + 0.45 * (1 + Math.sqrt(0.5)), s.at(25), TOL);
        assertEquals(0.1 + 0.45 * (1 - Math.sqrt(0.5)), s.at(75), TOL);
        assertEquals(0.1, s.at(100), TOL);
        assertEquals(0.1, s.at(1000), TOL);
        assertEquals(0.5, new CosineSchedule(1.0, 0.0, 2).at(1), TOL);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        Schedule s = new WarmupSchedule(4, Schedule.constant(2.0));
        assertEquals(0.5, s.at(0), TOL);
        assertEquals(1.0, s.at(1), TOL);
        assertEquals(1.5, s.at(2), TOL);
        assertEquals(2.0, s.at(3), TOL);
        assertEquals(2.0, s.at(4), TOL);
        assertEquals(2.0, s.at(1000), TOL);

        Schedule cosine = new CosineSchedule(1.0, 0.0, 20);
        Schedule warm = new WarmupSchedule(5, cosine);
        for (long t = 0; t < 5; t++) {
            assertEquals((t + 1) / 5.0 * cosine.at(t), warm.at(t), TOL, "t = " + t);
        }
        for (long t = 5; t < 30; t++) {
            assertEquals(cosine.at(t), warm.at(t), 0.0, "t = " + t);
        }
        assertEquals(cosine.at(0), new WarmupSchedule(0, cosine).at(0), 0.0);
    }

    @Test
    void validationNamesFieldValueAndRange() {
        assertMessage("value = -0.1 is out of range: must be >= 0", () -> new ConstantSchedule(-0.1));
        assertMessage("value = -0.1 is out of range: must be >= 0", () -> Schedule.constant(-0.1));
        assertMessage("value = NaN is not a finite number", () -> Schedule.constant(Double.NaN));
        assertMessage("initial = -1.0 is out of range: must be >= 0", () -> new StepSchedule(-1, 0.5, 10));
        assertMessage("factor = 0.0 is out of range: must be > 0", () -> new StepSchedule(1, 0, 10));
        assertMessage("factor = -0.5 is out of range: must be > 0", () -> new StepSchedule(1, -0.5, 10));
        assertMessage("every = 0 is out of range: must be >= 1", () -> new StepSchedule(1, 0.5, 0));
        assertMessage("totalSteps = 0 is out of range: must be >= 1", () -> new CosineSchedule(1, 0, 0));
        assertMessage("minimum = 2.0 is out of range: must be in [0, 1]", () -> new CosineSchedule(1, 2, 10));
        assertMessage("minimum = -0.1 is out of range: must be in [0, 0.5]", () -> new CosineSchedule(0.5, -0.1, 10));
        assertMessage("warmupSteps = -1 is out of range: must be >= 0", () -> new WarmupSchedule(-1, Schedule.constant(1)));
        assertMessage("after = null is not allowed: a value is required", () -> new WarmupSchedule(3, null));
    }

    static void assertMessage(String expected, Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
