package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.util.Check;

/**
 * SGD with momentum against Ghosh et al.'s piecewise modified flow built from the historical sums
 * G_k = Σ_{r≤k} β^{k−r} E_r (ICLR 2023), on a small logistic regression with a seeded batch sequence,
 * and the variance-reduction ratio Tr Cov((1−β)∇G_k) / Tr Cov(∇E_k) against (1−β)/(1+β).
 *
 * @param betas         β of the order check; steps h = h0 (1 − β)/2^i, i = 0..halvings, horizon T
 * @param varianceBetas β of the variance estimate, each from {@code replicates} batch sequences
 */
public record SgdmFlowSpec(String name, String description, List<Double> betas, double horizon, double h0, int halvings,
                           List<Double> varianceBetas, int replicates, Map<String, String> sources) {
    public SgdmFlowSpec {
        for (int i = 0; i < betas.size(); i++) {
            Check.halfOpen("betas[" + i + "]", betas.get(i), 0, 1);
        }
        for (int i = 0; i < varianceBetas.size(); i++) {
            Check.halfOpen("variance.betas[" + i + "]", varianceBetas.get(i), 0, 1);
        }
        Check.positive("horizon", horizon);
        Check.positive("h0", h0);
        Check.atLeast("halvings", halvings, 1);
        Check.atLeast("variance.replicates", replicates, 3);
        betas = List.copyOf(betas);
        varianceBetas = List.copyOf(varianceBetas);
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }
}
