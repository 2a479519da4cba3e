package org.momentumlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.report.RunTable;

/**
 * Progress of an experiment: on an interactive terminal a bar per run redrawn in place (steps, the
 * epoch for runs that count epochs, loss, ETA from the steps this process has run) at most 10 times a second; otherwise one line every 5 seconds at most and one per
 * finished run, with its final values in the kind's table columns.
 */
final class ProgressPrinter implements ExperimentListener {
    private final PrintWriter out;
    private final boolean interactive;
    private final ResultLayout layout;
    private final long intervalNanos;
    private long lastPrint;
    private long runStart;
    private String label = "";
    /** Steps per epoch of the current run (0: it counts none). */
    private long perEpoch;
    /** The step the current run was at when this process started it (a resumed run starts past 0); -1 before its first step. */
    private long fromStep = -1;

    ProgressPrinter(PrintWriter out, boolean interactive, ResultLayout layout) {
        this.out = out;
        this.interactive = interactive;
        this.layout = layout;
        this.intervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
    }

    @Override
    public void runStarted(int index, int total, RunLabel l, long seed, long steps) {
        groupLabel = null;
        label = String.format(Locale.ROOT, "run %d/%d %s seed %d", index + 1, total, l.display(List.of()), seed);
        perEpoch = 0;
        fromStep = -1;
        runStart = System.nanoTime();
        lastPrint = runStart;
    }

    @Override
    public void runsStarted(int index, int total, List<RunLabel> labels, long seed, long steps) {
        label = String.format(Locale.ROOT, "runs %d-%d/%d %s seed %d", index + 1, index + labels.size(), total,
                String.join(" + ", labels.stream().map(l -> l.display(List.of())).toList()), seed);
        groupLabel = label;
        perEpoch = 0;
        fromStep = -1;
        runStart = System.nanoTime();
        lastPrint = runStart;
    }

    /** While runs train together, each finishing run is named on its own line after the group's. */
    private String groupLabel;

    @Override
    public void stepsPerEpoch(long steps) {
        perEpoch = steps;
    }

    @Override
    public void step(long step, long maxSteps, double loss) {
        if (fromStep < 0) {
            fromStep = step - 1;
        }
        long now = System.nanoTime();
        if (now - lastPrint < intervalNanos && step < maxSteps) {
            return;
        }
        lastPrint = now;
        double frac = (double) step / maxSteps;
        double done = (double) (step - fromStep) / (maxSteps - fromStep);
        double elapsed = (now - runStart) / 1e9;
        double eta = done > 0 ? elapsed * (1 - done) / done : Double.NaN;
        String epoch = perEpoch > 0 ? String.format(Locale.ROOT, " epoch %d/%d", (step + perEpoch - 1) / perEpoch, maxSteps / perEpoch) : "";
        if (interactive) {
            int width = 24;
            int filled = (int) Math.round(frac * width);
            out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d%s loss %.4g ETA %.0fs   ", label, "#".repeat(filled),
                    ".".repeat(width - filled), step, maxSteps, epoch, loss, eta);
        } else {
            out.printf(Locale.ROOT, "%s: step %d/%d%s loss %.4g ETA %.0fs%n", label, step, maxSteps, epoch, loss, eta);
        }
        out.flush();
    }

    @Override
    public void runFinished(RunSeries run) {
        if (groupLabel != null) {
            label = run.label().display(List.of()) + " seed " + run.seed();
        }
        String end = run.result().diverged() ? "DIVERGED at step " + run.result().divergedAtStep() : RunTable.line(layout, run);
        out.printf(Locale.ROOT, "%s%s: %d steps in %.1fs, %s%n", interactive ? "\r" : "", label, run.result().steps(),
                (System.nanoTime() - runStart) / 1e9, end);
        out.flush();
    }
}
