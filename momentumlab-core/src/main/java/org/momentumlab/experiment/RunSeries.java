package org.momentumlab.experiment;

import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;

/**
 * The record of one run of an experiment: its label (which optimizer, or which check), its seed,
 * its probe metrics, and how it ended ({@code result} is null when it is not known, e.g. for a
 * run read back from an interrupted run directory).
 */
public record RunSeries(RunLabel label, long seed, MetricTable metrics, TrainingResult result) {

    /** The run's id in files: {@code <label id>-seed<seed>}, e.g. {@code gdm-seed3}. */
    public String id() {
        return id(label, seed);
    }

    public static String id(RunLabel label, long seed) {
        return label.id() + "-seed" + seed;
    }
}
