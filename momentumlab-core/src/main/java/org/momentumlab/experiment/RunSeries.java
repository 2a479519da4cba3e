package org.momentumlab.experiment;

import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;

/**
 * The record of one training run of an experiment: which optimizer, which seed, its probe metrics,
 * and how it ended ({@code result} is null when read back from a metrics file).
 */
public record RunSeries(String optimizer, long seed, MetricTable metrics, TrainingResult result) {

    /** The run's id in files: {@code <optimizer>-seed<seed>}. */
    public String id() {
        return optimizer + "-seed" + seed;
    }
}
