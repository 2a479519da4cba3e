package org.momentumlab.experiment.teacherstudent;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.model.nets.ArchSpec;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The Gaussian teacher–student control of Jelassi &amp; Li (ICML 2022, Table 1): inputs N(0, I_d),
 * labels = sign of a random teacher network, a student network trained from the same W⁰ by every
 * optimizer, until zero training error (if {@code stop_at_zero_error}) or {@code epochs} epochs.
 */
public record TeacherStudentSpec(Data data,
                                 @Doc("the teacher network that labels the data")
                                 @JsonDeserialize(using = ArchFormat.Reader.class) @JsonSerialize(using = ArchFormat.Writer.class)
                                 ArchSpec teacher,
                                 @Doc("the student network that is trained")
                                 @JsonDeserialize(using = ArchFormat.Reader.class) @JsonSerialize(using = ArchFormat.Writer.class)
                                 ArchSpec student,
                                 Model model, Train train, Probe probe,
                                 @Doc("the optimizers to compare, each from the same W0: name -> type, lr and its fields")
                                 Map<String, OptimizerSpec> optimizers) {

    public static final TeacherStudentSpec DEFAULTS = new TeacherStudentSpec(new Data(30, 500, 5000), ArchSpec.linear(),
            ArchSpec.mlp1(64), new Model(0), new Train(1000, 0, true), new Probe(10, false, 20, false), Map.of());

    public TeacherStudentSpec {
        optimizers = SeedRuns.ordered(optimizers);
        if (train.batchSize() > data.nTrain()) {
            throw new IllegalArgumentException("train.batch_size = " + train.batchSize() + " is out of range: must be <= data.n_train = " + data.nTrain());
        }
        teacher.validate("teacher", data.d());
        student.validate("student", data.d());
    }

    /** Optimizer steps per epoch. */
    public long stepsPerEpoch() {
        return train.batchSize() == 0 ? 1 : (data.nTrain() + train.batchSize() - 1) / train.batchSize();
    }

    public record Data(@Doc("input dimension, x ~ N(0, I_d)") int d, @Doc("training examples") int nTrain,
                       @Doc("test examples") int nTest) {
        public Data {
            Check.atLeast("d", d, 1);
            Check.atLeast("n_train", nTrain, 1);
            Check.atLeast("n_test", nTest, 1);
        }
    }

    public record Model(@Doc("L2 coefficient (lambda/2)||theta||^2 of the student's loss") double lambda) {
        public Model {
            Check.nonNegative("lambda", lambda);
        }
    }

    public record Train(@Doc("maximum epochs") long epochs, @Doc("examples per step; 0 = full batch") int batchSize,
                        @Doc("stop at the first epoch with zero training error") boolean stopAtZeroError) {
        public Train {
            Check.atLeast("epochs", epochs, 1);
            Check.atLeast("batch_size", batchSize, 0);
        }
    }

    public record Probe(@Doc("metrics every k epochs (and at the first and last)") long everyEpochs,
                        @Doc("also record Sato & Iiduka's optimizer noise at each probe step, before the update: noise_level = "
                                + "|m_t - grad f(theta_t)| for the search direction m_t, noise_rel, noise_angle (degrees), direction_norm; "
                                + "noise_level_tail (the mean over the second half of training), the variance bound C (grad_variance, "
                                + "its maximum), K (grad_norm_max) and Sato & Iiduka's degree of smoothing delta (smoothing)")
                        boolean noise,
                        @Doc("mini-batches per estimate of C at a probe step (drawn from their own stream; 0 = no estimate)")
                        int noiseDraws,
                        @Doc("also noise_level_after = |m_t - grad f(theta_{t+1})|, the full gradient taken after the update as the code "
                                + "published with Sato & Iiduka's paper does (for comparison only)") boolean noiseAfterUpdate) {
        public Probe {
            Check.atLeast("every_epochs", everyEpochs, 1);
            Check.atLeast("noise_draws", noiseDraws, 0);
        }
    }
}
