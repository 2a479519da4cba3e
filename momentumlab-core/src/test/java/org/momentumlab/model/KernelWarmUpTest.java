package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    @Test
    void runsPassesInTheBackgroundUntilClosed() throws Exception {
        for (Precision precision : Precision.values()) {
            KernelWarmUp warm = KernelWarmUp.startNew(5, 30, 5, precision, 2);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (warm.passes() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(warm.passes() >= 3, "the warm-up evaluates the kernel (" + precision + ")");
            warm.close();
            long after = warm.passes();
            Thread.sleep(50);
            assertEquals(after, warm.passes(), "no pass after close() returned");
        }
    }

    @Test
    void startsOncePerJvm() {
        KernelWarmUp first = KernelWarmUp.start(3, 4, 2, Precision.FLOAT64, 1);
        KernelWarmUp second = KernelWarmUp.start(3, 4, 2, Precision.FLOAT64, 1);
        first.close();
        second.close();
        assertEquals(0, second.passes(), "a second start does nothing");
    }
}
