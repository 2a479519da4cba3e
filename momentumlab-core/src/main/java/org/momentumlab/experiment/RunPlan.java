package org.momentumlab.experiment;

import java.util.List;

/**
 * What an experiment will run, for progress and for the line {@code mlab run} prints first.
 *
 * @param runs  how many runs
 * @param shape the runs in words, e.g. {@code 5 seed(s) x 2 optimizer(s)}
 * @param steps the most steps of one run
 * @param unit  what a step is, e.g. {@code steps} or {@code step sizes}
 */
public record RunPlan(int runs, String shape, long steps, String unit) {

    /** {@code seeds × labels} runs of up to {@code steps} steps each. */
    public static RunPlan of(List<Long> seeds, int labels, String noun, long steps, String unit) {
        return new RunPlan(seeds.size() * labels, seeds.size() + " seed(s) x " + labels + " " + noun + "(s)", steps, unit);
    }

    /** One line: {@code 5 seed(s) x 2 optimizer(s), 1000 steps}. */
    public String describe() {
        return shape + ", " + steps + " " + unit;
    }
}
