package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.train.ProbeSchedule;

/**
 * A complete, validated experiment on the patch data (D) of Jelassi &amp; Li: data, model,
 * training, probe schedule, the optimizers to compare from the same initialization, and the seeds.
 * For every seed, one data set and one W⁰ are drawn and every optimizer trains from that W⁰.
 *
 * @param sharpnessEvery measure the sharpness at probe times that are multiples of this (0 = never)
 * @param sources where each non-default choice comes from (key → text), shown by {@code mlab describe}
 */
public record PatchExperimentSpec(String name, String description, List<Long> seeds, PatchDataSpec data,
                                  ModelSpec model, TrainSpec train, ProbeSchedule probe, long sharpnessEvery,
                                  Map<String, OptimizerSpec> optimizers, Map<String, String> sources) {

    public PatchExperimentSpec {
        if (seeds.isEmpty()) {
            throw new SpecException("seeds is empty: give at least one seed");
        }
        if (optimizers.isEmpty()) {
            throw new SpecException("optimizers is empty: give at least one optimizer");
        }
        if (train.batchSize() > data.trainSize()) {
            throw new SpecException("train.batch_size = " + train.batchSize() + " is out of range: must be <= data.n_train = " + data.trainSize());
        }
        if (sharpnessEvery < 0) {
            throw new SpecException("probe.sharpness_every = " + sharpnessEvery + " is out of range: must be >= 0");
        }
        seeds = List.copyOf(seeds);
        optimizers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(optimizers));
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }
}
