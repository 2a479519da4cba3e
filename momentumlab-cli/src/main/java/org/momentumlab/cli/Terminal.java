package org.momentumlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The terminal: its width (for wrapping) and whether it is interactive, and core-count warnings. */
final class Terminal {
    private Terminal() {
    }

    /** Columns to wrap to: $MLAB_COLUMNS (set by ./mlab from the terminal), then $COLUMNS, else 100; at least 60. */
    static int width() {
        for (String v : new String[] {System.getenv("MLAB_COLUMNS"), System.getenv("COLUMNS")}) {
            try {
                if (v != null && Integer.parseInt(v.trim()) > 0) {
                    return Math.max(60, Integer.parseInt(v.trim()));
                }
            } catch (NumberFormatException e) {
                // ignore
            }
        }
        return 100;
    }

    /** Whether stdout is an interactive terminal (Console.isTerminal on JDK 22+, else a console exists). */
    static boolean interactive() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Words of {@code text} in lines of at most {@code width} characters (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(w);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Warns when more threads are asked for than there are cores (results do not change, speed does). */
    static void warnThreads(PrintWriter err, String what, int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            err.println("mlab: warning: " + what + " uses " + threads + " threads on " + cores + " cores; results are the same, but it will be slower than with " + cores);
        }
    }
}
