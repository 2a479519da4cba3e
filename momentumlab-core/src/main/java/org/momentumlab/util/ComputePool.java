package org.momentumlab.util;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool of T − 1 daemon worker threads plus the calling thread, for fixed-chunk
 * parallel loops in hot kernels.
 *
 * <p>{@link #run(int, ChunkTask)} executes {@code task.run(c)} exactly once for every chunk c in
 * [0, chunkCount), spread over the workers and the calling thread, and returns when all chunks are
 * done. With T = 1 there are no workers: the chunks run on the calling thread in increasing order.
 * A call allocates nothing in steady state: chunks are handed out by an {@link AtomicInteger}
 * counter, a new call is announced by a volatile generation number, and idle threads spin briefly
 * then park ({@link LockSupport}). Pass a task object held in a field, not a lambda that captures
 * per call, to keep the caller allocation-free as well.
 *
 * <p><b>Determinism is the caller's job.</b> Which thread runs which chunk, and in which order, is
 * unspecified. A kernel whose result must be bitwise identical for any thread count fixes its
 * chunking independently of T, writes each chunk's partial result into that chunk's own slot, and
 * reduces the slots in chunk order after {@code run} returns.
 *
 * <p>If a chunk throws, the chunks not yet started are skipped and the first exception is rethrown
 * to the caller of {@code run} (an unchecked exception or error as is). One call at a time: a
 * concurrent or nested call throws {@link IllegalStateException}. {@link #close()} stops the
 * workers; the pool cannot be used afterwards.
 */
public final class ComputePool implements AutoCloseable {

    /** The body of a parallel loop: processes chunk {@code chunk}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk);
    }

    /**
     * The body of a parallel loop that also receives the index of the thread running it, in
     * [0, {@link #threads()}) (0 is the calling thread); a kernel uses it to pick per-thread scratch.
     * At any moment at most one chunk runs per worker index.
     */
    @FunctionalInterface
    public interface WorkerChunkTask {
        void run(int chunk, int worker);
    }

    /** How long an idle thread spins before it parks, in nanoseconds. */
    private static final long SPIN_NANOS = 200_000;
    /** Busy spins before an idle thread starts yielding. */
    private static final int SPINS = 256;

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger pendingWorkers = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean busy = new AtomicBoolean();

    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private int chunkCount;
    private ChunkTask simpleTask;
    private WorkerChunkTask workerTask;

    /**
     * Starts {@code threads − 1} daemon workers.
     *
     * @param threads T ≥ 1, the number of threads that run chunks, the calling thread included
     */
    public ComputePool(int threads) {
        this.threads = Check.atLeast("pool.threads", threads, 1);
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    /** T, the number of threads that run chunks (the calling thread included). */
    public int threads() {
        return threads;
    }

    /** Runs {@code task.run(c)} for every c in [0, chunkCount); returns when all are done. */
    public void run(int chunkCount, ChunkTask task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        execute(chunkCount, task, null);
    }

    /** Runs {@code task.run(c, worker)} for every c in [0, chunkCount); returns when all are done. */
    public void run(int chunkCount, WorkerChunkTask task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        execute(chunkCount, null, task);
    }

    private void execute(int count, ChunkTask simple, WorkerChunkTask indexed) {
        Check.atLeast("chunkCount", count, 0);
        if (closed) {
            throw new IllegalStateException("the compute pool is closed");
        }
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("the compute pool is already running a loop (nested or concurrent call)");
        }
        try {
            if (workers.length == 0 || count <= 1) {
                for (int c = 0; c < count; c++) {
                    if (simple != null) {
                        simple.run(c);
                    } else {
                        indexed.run(c, 0);
                    }
                }
                return;
            }
            this.chunkCount = count;
            this.simpleTask = simple;
            this.workerTask = indexed;
            this.caller = Thread.currentThread();
            nextChunk.set(0);
            pendingWorkers.set(workers.length);
            generation = generation + 1; // publishes the fields above
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
            work(0);
            awaitWorkers();
            this.simpleTask = null;
            this.workerTask = null;
            Throwable t = failure.getAndSet(null);
            if (t != null) {
                throwUnchecked(t);
            }
        } finally {
            busy.set(false);
        }
    }

    /** Claims and runs chunks until none is left; records the first failure and skips the rest. */
    private void work(int worker) {
        int count = chunkCount;
        ChunkTask simple = simpleTask;
        WorkerChunkTask indexed = workerTask;
        int c;
        while ((c = nextChunk.getAndIncrement()) < count) {
            try {
                if (simple != null) {
                    simple.run(c);
                } else {
                    indexed.run(c, worker);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                nextChunk.set(count);
            }
        }
    }

    private void awaitWorkers() {
        long start = System.nanoTime();
        int spins = 0;
        while (pendingWorkers.get() != 0) {
            idle(++spins, start, this);
        }
    }

    /**
     * One step of waiting: a few busy spins (the common case of back-to-back calls), then yields
     * (so that an oversubscribed machine runs the threads being waited for), then parking.
     */
    private static void idle(int spins, long start, Object blocker) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.yield();
        } else {
            LockSupport.park(blocker);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
        throw (E) t;
    }

    /** Stops the workers (waits briefly for them to exit). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ComputePool[threads=" + threads + (closed ? ", closed]" : "]");
    }

    private final class Worker extends Thread {
        private final int index;

        Worker(int index) {
            super("momentumlab-compute-" + index);
            this.index = index;
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long g;
                long start = System.nanoTime();
                int spins = 0;
                while ((g = generation) == seen) {
                    if (closed) {
                        return;
                    }
                    idle(++spins, start, ComputePool.this);
                }
                seen = g;
                work(index);
                if (pendingWorkers.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
