package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.model.nets.ArchSpec;
import org.momentumlab.util.Check;

/**
 * The Gaussian teacher–student control of Jelassi &amp; Li (ICML 2022, Table 1): inputs N(0, I_d),
 * labels = sign of a random teacher network, a student network trained from the same W⁰ by every
 * optimizer, until zero training error (if {@code stopAtZeroError}) or {@code epochs} epochs.
 *
 * @param epochs          maximum epochs (full passes over the training set)
 * @param batchSize       0 = full batch (GD); otherwise SGD with a seeded reshuffle per epoch
 * @param stopAtZeroError stop a run at the first epoch with zero training error
 * @param probeEvery      metrics every this many epochs (and at the first and last epoch)
 */
public record TeacherStudentSpec(String name, String description, List<Long> seeds, int d, int trainSize, int testSize,
                                 ArchSpec teacher, ArchSpec student, double lambda, long epochs, int batchSize,
                                 boolean stopAtZeroError, long probeEvery, Map<String, OptimizerSpec> optimizers,
                                 Map<String, String> sources) {

    public TeacherStudentSpec {
        if (seeds.isEmpty()) {
            throw new SpecException("seeds is empty: give at least one seed");
        }
        if (optimizers.isEmpty()) {
            throw new SpecException("optimizers is empty: give at least one optimizer");
        }
        Check.atLeast("data.d", d, 1);
        Check.atLeast("data.n_train", trainSize, 1);
        Check.atLeast("data.n_test", testSize, 1);
        Check.nonNegative("model.lambda", lambda);
        Check.atLeast("train.epochs", epochs, 1);
        Check.atLeast("train.batch_size", batchSize, 0);
        Check.atLeast("probe.every_epochs", probeEvery, 1);
        if (batchSize > trainSize) {
            throw new SpecException("train.batch_size = " + batchSize + " is out of range: must be <= data.n_train = " + trainSize);
        }
        teacher.validate("teacher", d);
        student.validate("student", d);
        seeds = List.copyOf(seeds);
        optimizers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(optimizers));
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** Optimizer steps per epoch. */
    public long stepsPerEpoch() {
        return batchSize == 0 ? 1 : (trainSize + batchSize - 1) / batchSize;
    }
}
