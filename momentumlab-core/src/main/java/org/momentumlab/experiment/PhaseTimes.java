package org.momentumlab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where an invocation's time goes, by phase (wall-clock seconds, summed): {@code data} (generating
 * data sets), {@code training} (the optimizer loops, probes included), {@code probes}, and
 * {@code first_100_steps} (the first 100 steps of the first run, where the JIT compiles the kernel).
 * Kinds and the shared training loop add to it; {@code mlab run} prints the split and
 * provenance.json keeps it.
 */
public final class PhaseTimes {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Adds {@code ns} nanoseconds to {@code phase}. */
    public synchronized void add(String phase, long ns) {
        nanos.merge(phase, ns, Long::sum);
    }

    /** Runs {@code work}, adding its time to {@code phase}. */
    public <T> T time(String phase, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - t0);
        }
    }

    /** Seconds per phase, in the order phases first appeared. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }
}
