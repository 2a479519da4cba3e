package org.momentumlab.experiment.saddle;

import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * Escaping a strict saddle with stochastic gradients (Wang, Lin &amp; Abernethy, ICLR 2020): every
 * optimizer starts next to the saddle of objective (3) or at a tiny w₀ of phase retrieval (4) and
 * takes {@code train.steps} steps on the gradient of {@code train.batch_size} components drawn
 * uniformly (with replacement: Algorithm 1 with one component per step), every optimizer of a seed on
 * the same draws. Escape times and the paper's CNC correlation are recorded per run.
 */
public record SaddleEscapeSpec(@Doc("saddle = objective (3), f = (1/n) sum_i [w'Hw/2 + b_i'w + ||w||_10^10]; "
                                       + "phase_retrieval = objective (4), f = (1/n) sum_i ((a_i'w)^2 - y_i)^2")
                               Problem objective,
                               Saddle saddle,
                               PhaseRetrievalSettings phaseRetrieval,
                               @Doc("per_seed: each seed draws its own instance (the b_i, or w* and the a_i); shared: every seed "
                                       + "uses the instance of instance_seed and varies only the sampled components (and w0)")
                               Instance instance,
                               @Doc("the seed of the instance when instance = shared")
                               long instanceSeed,
                               Train train, Escape escape, Probe probe,
                               @Doc("the optimizers to compare, each on the same instance, start and sampled components: name -> type, lr and its fields")
                               Map<String, OptimizerSpec> optimizers) {

    public static final SaddleEscapeSpec DEFAULTS = new SaddleEscapeSpec(Problem.SADDLE,
            new Saddle(List.of(1.0, -0.1), List.of(0.1, 0.001), 10, false), new PhaseRetrievalSettings(10, 200, 1e-4),
            Instance.PER_SEED, 0, new Train(600_000, 1, Sampling.WITH_REPLACEMENT, false),
            new Escape(0.005, Reference.SADDLE, 0.1, 0.3), new Probe(0, 20, true, false, 20), Map.of());

    public SaddleEscapeSpec {
        optimizers = SeedRuns.ordered(optimizers);
        int n = objective == Problem.SADDLE ? saddle.components() : phaseRetrieval.measurements();
        if (train.batchSize() > n) {
            throw new IllegalArgumentException("train.batch_size = " + train.batchSize() + " is out of range: must be <= the number of components "
                    + n + (objective == Problem.SADDLE ? " (saddle.components)" : " (phase_retrieval.measurements)") + "; 0 = full gradient");
        }
    }

    /** Which objective of the paper. */
    public enum Problem { SADDLE, PHASE_RETRIEVAL }

    /** Whether each seed draws its own problem instance. */
    public enum Instance { PER_SEED, SHARED }

    /** How the components of a step are drawn. */
    public enum Sampling { WITH_REPLACEMENT, EPOCHS }

    /** What the loss drop of the saddle's escape is measured from. */
    public enum Reference { SADDLE, START }

    public record Saddle(@Doc("the diagonal of H (one negative entry makes the origin region a strict saddle)") List<Double> curvatures,
                         @Doc("the variances of the entries of b_i ~ N(0, diag(variances))") List<Double> variances,
                         @Doc("n, the number of components b_i") int components,
                         @Doc("subtract the mean of the b_i, so that w0 = 0 is exactly the saddle and only the sampling noise "
                                 + "(the CNC correlation) can start the escape; false = the paper's draw, whose mean b pushes w0 off the saddle")
                         boolean centered) {
        public Saddle {
            curvatures = List.copyOf(curvatures);
            variances = List.copyOf(variances);
            if (curvatures.isEmpty()) {
                throw new IllegalArgumentException("curvatures is empty: give the diagonal of H, e.g. [1, -0.1]");
            }
            if (variances.size() != curvatures.size()) {
                throw new IllegalArgumentException("variances has " + variances.size() + " entries, curvatures has " + curvatures.size()
                        + ": give one variance per dimension");
            }
            for (int j = 0; j < curvatures.size(); j++) {
                Check.finite("curvatures[" + j + "]", curvatures.get(j));
                Check.nonNegative("variances[" + j + "]", variances.get(j));
            }
            Check.atLeast("components", components, 1);
        }
    }

    public record PhaseRetrievalSettings(@Doc("d, the dimension of w") int dimension,
                                         @Doc("n, the number of measurements y_i = (a_i'w*)^2, a_i ~ N(0, I)") int measurements,
                                         @Doc("w0 ~ N(0, start_variance/d I) (the paper: 1/10000), so ||w0|| ~ sqrt(start_variance)") double startVariance) {
        public PhaseRetrievalSettings {
            Check.atLeast("dimension", dimension, 1);
            Check.atLeast("measurements", measurements, 1);
            Check.positive("start_variance", startVariance);
        }
    }

    public record Train(@Doc("the horizon: steps of every optimizer (runs that have not escaped by then are censored)") long steps,
                        @Doc("components per stochastic gradient (1 = Algorithm 1); 0 = the full gradient") int batchSize,
                        @Doc("with_replacement: each step draws its components uniformly and independently; epochs: a fresh permutation per epoch") Sampling sampling,
                        @Doc("end a run once it has escaped and left the ball (its curves then stop there)") boolean stopAtEscape) {
        public Train {
            Check.atLeast("steps", steps, 1);
            Check.atLeast("batch_size", batchSize, 0);
        }
    }

    public record Escape(@Doc("saddle: escaped at the first step with f(w_t) <= f_ref - loss_drop") double lossDrop,
                         @Doc("f_ref: saddle = f at the stationary point next to w0 (the saddle itself); start = f(w0)") Reference reference,
                         @Doc("phase_retrieval: escaped (recovered) at the first step with dist(w_t) <= distance") double distance,
                         @Doc("also record the first step with ||w_t - saddle|| > radius (leaving the ball around the saddle)") double radius) {
        public Escape {
            Check.positive("loss_drop", lossDrop);
            Check.positive("distance", distance);
            Check.positive("radius", radius);
        }
    }

    public record Probe(@Doc("metrics every k steps (0 = only at the log-spaced steps)") long every,
                        @Doc("log-spaced probe steps per decade") int perDecade,
                        @Doc("record the smallest Hessian eigenvalue at w_t (Lanczos on Hessian-vector products)") boolean minEigenvalue,
                        @Doc("Sato & Iiduka's optimizer noise at every probe step, before the update: noise_level = |m_t - grad f(w_t)| "
                                + "for the search direction m_t, noise_rel, noise_angle, direction_norm, noise_level_tail, and with stochastic "
                                + "gradients C (grad_variance), K (grad_norm_max) and the smoothing delta") boolean noise,
                        @Doc("mini-batches per estimate of C at a probe step (their own stream; 0 = none)") int noiseDraws) {
        public Probe {
            Check.atLeast("noise_draws", noiseDraws, 0);
            Check.atLeast("every", every, 0);
            Check.atLeast("per_decade", perDecade, 0);
        }
    }
}
