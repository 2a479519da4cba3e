package org.momentumlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void everyChunkRunsExactlyOnce(int threads) {
        try (ComputePool pool = new ComputePool(threads)) {
            for (int count : new int[] {0, 1, 2, 7, 1000}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                pool.run(count, c -> runs.incrementAndGet(c));
                for (int c = 0; c < count; c++) {
                    assertEquals(1, runs.get(c), "chunk " + c + " of " + count);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void workerIndicesAreInRange(int threads) {
        try (ComputePool pool = new ComputePool(threads)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(500);
            AtomicIntegerArray bad = new AtomicIntegerArray(1);
            pool.run(500, (c, w) -> {
                runs.incrementAndGet(c);
                if (w < 0 || w >= threads) {
                    bad.incrementAndGet(0);
                }
            });
            assertEquals(0, bad.get(0));
            for (int c = 0; c < 500; c++) {
                assertEquals(1, runs.get(c));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aChunkExceptionReachesTheCallerAndThePoolStaysUsable(int threads) {
        try (ComputePool pool = new ComputePool(threads)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(64, c -> {
                if (c == 37) {
                    throw boom;
                }
            }));
            assertSame(boom, e);
            AssertionError err = assertThrows(AssertionError.class, () -> pool.run(8, c -> {
                throw new AssertionError("chunk " + c);
            }));
            assertTrue(err.getMessage().startsWith("chunk "));
            AtomicIntegerArray runs = new AtomicIntegerArray(64);
            pool.run(64, c -> runs.incrementAndGet(c));
            for (int c = 0; c < 64; c++) {
                assertEquals(1, runs.get(c));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void thePoolIsReusedAcrossManyCalls(int threads) {
        try (ComputePool pool = new ComputePool(threads)) {
            long[] slots = new long[16];
            ComputePool.ChunkTask task = c -> slots[c] += c + 1;
            for (int call = 0; call < 5000; call++) {
                pool.run(16, task);
            }
            for (int c = 0; c < 16; c++) {
                assertEquals(5000L * (c + 1), slots[c]);
            }
        }
    }

    @Test
    void nestedCallsAndClosedPoolsAreRejected() {
        ComputePool pool = new ComputePool(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(4, c -> pool.run(1, d -> { })));
        assertTrue(e.getMessage().contains("already running"));
        assertEquals(2, pool.threads());
        pool.close();
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run(1, c -> { }));
    }

    @Test
    void threadCountIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ComputePool(0));
        assertEquals("pool.threads = 0 is out of range: must be >= 1", e.getMessage());
    }
}
