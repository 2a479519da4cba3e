package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.util.Check;

/**
 * The order check of Ghosh et al.'s modified flows (ICLR 2023): for each objective and β, heavy ball
 * with steps h = h0·(1 − β)²/2^i (i = 0..halvings) against the O(h) and the O(h²) flow, each started
 * naively (at x0) and at the corrected point x0 + hβ/(1 − β)²∇E(x0); global error = max over
 * t = kh ∈ [burn_in·T, T] of ‖x_k − x(kh)‖; slope of log error against log h.
 *
 * @param objectives objective name → (horizon T, h0); names: toy, cubic_cnn
 */
public record FlowOrderSpec(String name, String description, List<Double> betas, int halvings, double burnIn,
                            Map<String, double[]> objectives, Map<String, String> sources) {

    public static final List<String> OBJECTIVES = List.of("toy", "cubic_cnn");

    public FlowOrderSpec {
        if (betas.isEmpty()) {
            throw new SpecException("betas is empty: give at least one beta");
        }
        for (int i = 0; i < betas.size(); i++) {
            Check.halfOpen("betas[" + i + "]", betas.get(i), 0, 1);
        }
        Check.atLeast("halvings", halvings, 1);
        Check.halfOpen("burn_in", burnIn, 0, 1);
        if (objectives.isEmpty()) {
            throw new SpecException("objectives is empty: give toy and/or cubic_cnn");
        }
        betas = List.copyOf(betas);
        objectives = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(objectives));
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }
}
