package org.momentumlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.RunSeries;

/**
 * Progress of an experiment: on an interactive terminal a bar per run redrawn in place (steps,
 * loss, ETA) at most 10 times a second; otherwise one line every 5 seconds at most and one per
 * finished run.
 */
final class ProgressPrinter implements ExperimentListener {
    private final PrintWriter out;
    private final boolean interactive;
    private final long intervalNanos;
    private long lastPrint;
    private long runStart;
    private String label = "";

    ProgressPrinter(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        this.intervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
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

    @Override
    public void runStarted(int index, int total, String optimizer, long seed, long steps) {
        label = String.format(Locale.ROOT, "run %d/%d %s seed %d", index + 1, total, optimizer, seed);
        runStart = System.nanoTime();
        lastPrint = runStart;
    }

    @Override
    public void step(long step, long maxSteps, double loss) {
        long now = System.nanoTime();
        if (now - lastPrint < intervalNanos && step < maxSteps) {
            return;
        }
        lastPrint = now;
        double frac = (double) step / maxSteps;
        double elapsed = (now - runStart) / 1e9;
        double eta = frac > 0 ? elapsed * (1 - frac) / frac : Double.NaN;
        if (interactive) {
            int width = 24;
            int filled = (int) Math.round(frac * width);
            out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d loss %.4g ETA %.0fs   ", label, "#".repeat(filled),
                    ".".repeat(width - filled), step, maxSteps, loss, eta);
        } else {
            out.printf(Locale.ROOT, "%s: step %d/%d loss %.4g ETA %.0fs%n", label, step, maxSteps, loss, eta);
        }
        out.flush();
    }

    @Override
    public void runFinished(RunSeries run) {
        var m = run.metrics();
        String end = run.result().diverged() ? "DIVERGED at step " + run.result().divergedAtStep()
                : m.has("test_acc_small") ? String.format(Locale.ROOT, "train acc %.3f, test acc large %.3f, small %.3f",
                        m.last("train_acc"), m.last("test_acc_large"), m.last("test_acc_small"))
                : m.has("ratio") ? String.format(Locale.ROOT, "ratio %.4f [%.4f, %.4f], claimed %.4f", m.last("ratio"),
                        m.last("ci_low"), m.last("ci_high"), m.last("claimed"))
                : m.has("slope") ? String.format(Locale.ROOT, "slope %.3f", m.last("slope"))
                : m.has("test_acc") ? String.format(Locale.ROOT, "train acc %.3f, test acc %.3f", m.last("train_acc"), m.last("test_acc"))
                : String.format(Locale.ROOT, "loss %.4g", m.last("train_loss"));
        out.printf(Locale.ROOT, "%s%s: %d steps in %.1fs, %s%n", interactive ? "\r" : "", label, run.result().steps(),
                (System.nanoTime() - runStart) / 1e9, end);
        out.flush();
    }

    void finish() {
        out.flush();
    }
}
