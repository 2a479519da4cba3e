package org.momentumlab.experiment.patch;

import java.util.Map;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.model.Precision;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * An experiment on the patch data (D) of Jelassi &amp; Li (ICML 2022) with their two-layer cubic
 * CNN: for every seed, one data set and one W⁰ are drawn and every optimizer trains from that W⁰.
 */
public record PatchCnnSpec(Data data, Model model, Train train, Probe probe,
                           @Doc("the optimizers to compare, each from the same W0: name -> type, lr and its fields")
                           Map<String, OptimizerSpec> optimizers) {

    /** The defaults: the paper's sizes and the theory's α, β = 0.3, μ = 0.05. */
    public static final PatchCnnSpec DEFAULTS = new PatchCnnSpec(
            new Data(20000, 2000, 30, 5, Alpha.THEORY, 0.3, 0.05, 1.0, PatchDataSpec.FeatureDirection.BASIS),
            new Model(5, 0.01, 0.0, Precision.FLOAT64), new Train(1000, 0, 0.0), new Probe(10, 0, 0, false, 20, false), Map.of());

    public PatchCnnSpec {
        optimizers = SeedRuns.ordered(optimizers);
        if (train.batchSize() > data.nTrain()) {
            throw new IllegalArgumentException("train.batch_size = " + train.batchSize() + " is out of range: must be <= data.n_train = " + data.nTrain());
        }
    }

    /** The data distribution (D). */
    public record Data(@Doc("N, number of training examples") int nTrain,
                       @Doc("number of test examples (independent stream)") int nTest,
                       @Doc("d, dimension of a patch") int d,
                       @Doc("P, patches per example") int patches,
                       @Doc("alpha, large-margin signal strength (a number, or d^e)") Alpha alpha,
                       @Doc("beta, small-margin signal strength") double beta,
                       @Doc("mu, probability of a small-margin example") double mu,
                       @Doc("sigma, std of the noise patches N(0, sigma^2 (I - w* w*^T))") double sigma,
                       @Doc("feature w*: basis (e1) or random (unit vector from the seed)") PatchDataSpec.FeatureDirection wStar) {
        public Data {
            Check.atLeast("n_train", nTrain, 1);
            Check.atLeast("n_test", nTest, 1);
            Check.atLeast("d", d, 1);
            Check.atLeast("patches", patches, 1);
            Check.nonNegative("alpha", alpha.at(Math.max(d, 1)));
            Check.nonNegative("beta", beta);
            Check.closed("mu", mu, 0, 1);
            Check.nonNegative("sigma", sigma);
        }

        /** The generator's parameters. */
        public PatchDataSpec distribution() {
            return new PatchDataSpec(nTrain, nTest, patches, d, alpha.at(d), beta, mu, sigma, wStar);
        }
    }

    /** The cubic CNN. */
    public record Model(@Doc("m, neurons of the cubic CNN") int neurons,
                        @Doc("sigma0, W0 ~ N(0, sigma0^2) entrywise") double initStd,
                        @Doc("lambda, L2 coefficient in (lambda/2)||W||^2") double lambda,
                        @Doc("kernel arithmetic: float64 or float32 (parameters stay float64)") Precision precision) {
        public Model {
            Check.atLeast("neurons", neurons, 1);
            Check.nonNegative("init_std", initStd);
            Check.nonNegative("lambda", lambda);
        }
    }

    /** How long and on what each optimizer trains. */
    public record Train(@Doc("T, optimizer steps") long steps,
                        @Doc("examples per step; 0 = full batch") int batchSize,
                        @Doc("stop once the training loss <= this; 0 = never") double targetLoss) {
        public Train {
            Check.atLeast("steps", steps, 1);
            Check.atLeast("batch_size", batchSize, 0);
            Check.nonNegative("target_loss", targetLoss);
        }
    }

    /** When the theory quantities are measured. */
    public record Probe(@Doc("probe every k steps (0 = off; step 0 and the last step are always probed)") long every,
                        @Doc("also probe at log-spaced steps, points per decade (0 = off)") int perDecade,
                        @Doc("top Hessian eigenvalue (Lanczos on exact Hessian-vector products) at probe steps that are multiples of this (0 = off; costly)")
                        long sharpnessEvery,
                        @Doc("Sato & Iiduka's optimizer noise at every probe step, before the update: noise_level = |m_t - grad f(W_t)| "
                                + "for the search direction m_t, noise_rel, noise_angle, direction_norm, noise_level_tail (mean over the "
                                + "second half), and with mini-batches C (grad_variance), K (grad_norm_max) and the smoothing delta")
                        boolean noise,
                        @Doc("mini-batches per estimate of C at a probe step (their own stream; 0 = none)") int noiseDraws,
                        @Doc("also noise_level_after, the full gradient after the update as the published code takes it (for comparison)")
                        boolean noiseAfterUpdate) {
        public Probe {
            Check.atLeast("every", every, 0);
            Check.atLeast("noise_draws", noiseDraws, 0);
            Check.atLeast("per_decade", perDecade, 0);
            Check.atLeast("sharpness_every", sharpnessEvery, 0);
        }

        public ProbeSchedule schedule() {
            return new ProbeSchedule(every, perDecade);
        }
    }
}
