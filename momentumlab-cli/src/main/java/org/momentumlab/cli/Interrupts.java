package org.momentumlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.momentumlab.experiment.rundir.RunWriter;

/**
 * Ctrl-C (or SIGTERM): keeps what the work in progress measured (its run directories are kept,
 * marked incomplete) and prints one line saying what was kept. Commands say what to print while
 * their work runs.
 */
final class Interrupts {
    private Interrupts() {
    }

    private static volatile Function<List<Path>, String> message;

    /** Installs the shutdown hook (once, by main). */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Function<List<Path>, String> m = message;
            List<Path> kept = RunWriter.abandonAll("interrupted");
            if (m != null) {
                System.out.flush();
                System.err.println();
                System.err.println(m.apply(kept));
                System.err.flush();
            }
        }, "mlab-interrupt"));
    }

    /** While work runs: the line to print if it is interrupted, given the directories kept incomplete. */
    static void during(Function<List<Path>, String> onInterrupt) {
        message = onInterrupt;
    }

    static void done() {
        message = null;
    }
}
