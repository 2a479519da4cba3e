package org.momentumlab.experiment.saddle;

import org.momentumlab.train.StopCondition;

/**
 * Watches one run's iterates at every step (the trainer asks a {@link StopCondition} with period 1
 * about W_t before each update, t = 0, 1, ..., so the k-th question is step k) and records the first
 * step at which the run escaped and the first at which it left the ball of radius r around the
 * saddle. It stops the run only with {@code stopAtEscape}, once both have happened.
 */
final class EscapeMonitor implements StopCondition {
    private final SaddleProblem problem;
    private final double radius2;
    private final boolean stopAtEscape;
    private long step = -1;
    private long escapeStep = -1;
    private long exitStep = -1;

    EscapeMonitor(SaddleProblem problem, double radius, boolean stopAtEscape) {
        this.problem = problem;
        this.radius2 = radius * radius;
        this.stopAtEscape = stopAtEscape;
    }

    @Override
    public boolean reached(double[] params) {
        step++;
        if (exitStep < 0 && problem.distanceToCenter2(params) > radius2) {
            exitStep = step;
        }
        if (escapeStep < 0 && problem.escaped(params)) {
            escapeStep = step;
        }
        return stopAtEscape && escapeStep >= 0 && exitStep >= 0;
    }

    @Override
    public long every() {
        return 1;
    }

    @Override
    public String name() {
        return "escaped";
    }

    /** The first escaped step so far, or −1. */
    long escapeStep() {
        return escapeStep;
    }

    /** The first step outside the ball so far, or −1. */
    long exitStep() {
        return exitStep;
    }
}
