package org.momentumlab.model;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.momentumlab.data.MarginGroup;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * Gets the JIT to compile the cubic CNN's kernel before a run needs it. The kernel's vector code runs
 * slowly until C2 has compiled it (about a second of compiler time on a 2-core machine); a run that
 * first generates its data leaves a core idle meanwhile. {@link #start} uses it: a background thread
 * evaluates a small random data set of the run's shape (one chunk of {@link #EXAMPLES} examples, the
 * run's precision, {@code sets} weight sets per pass as lockstep training does, and outputs as the
 * probes do) over and over, so the compiler sees the hot methods within milliseconds; {@link #close}
 * stops it before training starts. It shares no object with the run (its own data, model and
 * one-thread pool), so it changes no result; only the time the run's first steps take.
 *
 * <p>Once per JVM: a second start (a later seed, a sweep's next task) does nothing, because the code
 * is compiled by then.
 */
public final class KernelWarmUp implements AutoCloseable {
    /** Examples in the warm-up's data set: one chunk's worth would be 512; a few blocks suffice. */
    static final int EXAMPLES = 64;
    /** The warm-up stops by itself after this long, whatever the caller does. */
    private static final long LIMIT_NANOS = 3_000_000_000L;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final KernelWarmUp NONE = new KernelWarmUp(null);

    private final Thread thread;
    private volatile boolean stop;
    /** Warm-up passes done (for tests). */
    private volatile long passes;

    private KernelWarmUp(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts the warm-up for data of P patches in R^d, m neurons, the given precision and weight sets
     * per pass, unless one was started before in this JVM (then the returned handle does nothing).
     */
    public static KernelWarmUp start(int patches, int dim, int neurons, Precision precision, int sets) {
        if (!STARTED.compareAndSet(false, true)) {
            return NONE;
        }
        return startNew(patches, dim, neurons, precision, sets);
    }

    /** {@link #start} without the once-per-JVM rule (for tests). */
    static KernelWarmUp startNew(int patches, int dim, int neurons, Precision precision, int sets) {
        KernelWarmUp[] self = new KernelWarmUp[1];
        Thread t = new Thread(() -> self[0].run(patches, dim, neurons, precision, Math.max(1, sets)), "mlab-warm-kernel");
        t.setDaemon(true);
        self[0] = new KernelWarmUp(t);
        t.start();
        return self[0];
    }

    private void run(int patches, int dim, int neurons, Precision precision, int sets) {
        SplittableRandom rng = new SplittableRandom(1);
        double[] x = new double[EXAMPLES * patches * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        byte[] labels = new byte[EXAMPLES];
        MarginGroup[] groups = new MarginGroup[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = (byte) (i % 2 == 0 ? 1 : -1);
            groups[i] = MarginGroup.LARGE;
        }
        double[] wStar = new double[dim];
        wStar[0] = 1;
        PatchDataset data = new PatchDataset(patches, dim, x, labels, groups, new int[EXAMPLES], wStar);
        try (ComputePool pool = new ComputePool(1)) {
            CubicCnn model = new CubicCnn(data, neurons, 0, precision, pool);
            double[][] ws = new double[sets][];
            double[][] grads = new double[sets][model.dimension()];
            double[] values = new double[sets];
            for (int s = 0; s < sets; s++) {
                ws[s] = CubicCnn.initialWeights(model.dimension(), 0.5 / Math.sqrt(dim), s); // margins of order 1
            }
            double[] w = ws[0].clone();
            double[] out = new double[EXAMPLES];
            long end = System.nanoTime() + LIMIT_NANOS;
            while (!stop && System.nanoTime() < end) {
                model.valuesAndGradients(ws, grads, values, sets);
                w[0] = -w[0]; // other weights than the cached outputs': a forward pass of its own
                model.outputs(w, out);
                passes++;
            }
        }
    }

    /** Warm-up passes done so far (for tests). */
    long passes() {
        return passes;
    }

    /** Stops the warm-up and waits for its current pass to end (a few milliseconds at most). */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        stop = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
