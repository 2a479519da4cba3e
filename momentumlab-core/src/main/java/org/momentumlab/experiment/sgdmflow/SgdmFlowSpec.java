package org.momentumlab.experiment.sgdmflow;

import java.util.List;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * SGD with momentum against Ghosh et al.'s piecewise modified flow built from the historical sums
 * G_k = Σ_{r≤k} β^{k−r} E_r (ICLR 2023), on a small logistic regression with a seeded batch sequence,
 * and the variance-reduction ratio Tr Cov((1−β)∇G_k) / Tr Cov(∇E_k) against (1−β)/(1+β).
 */
public record SgdmFlowSpec(@Doc("betas of the order check") List<Double> betas,
                           @Doc("T of the order check") double horizon,
                           @Doc("largest step; h = h0 (1 - beta) / 2^i") double h0,
                           @Doc("number of halvings of h") int halvings,
                           Variance variance) {

    public static final SgdmFlowSpec DEFAULTS = new SgdmFlowSpec(List.of(0.0, 0.5, 0.8), 1.0, 0.2, 4,
            new Variance(List.of(0.5, 0.8, 0.9), 20000));

    public SgdmFlowSpec {
        for (int i = 0; i < betas.size(); i++) {
            Check.halfOpen("betas[" + i + "]", betas.get(i), 0, 1);
        }
        Check.positive("horizon", horizon);
        Check.positive("h0", h0);
        Check.atLeast("halvings", halvings, 1);
        betas = List.copyOf(betas);
    }

    /** The variance-reduction estimate. */
    public record Variance(@Doc("betas of the variance-reduction estimate") List<Double> betas,
                           @Doc("independent batch sequences per estimate") int replicates) {
        public Variance {
            for (int i = 0; i < betas.size(); i++) {
                Check.halfOpen("betas[" + i + "]", betas.get(i), 0, 1);
            }
            Check.atLeast("replicates", replicates, 3);
            betas = List.copyOf(betas);
        }
    }
}
