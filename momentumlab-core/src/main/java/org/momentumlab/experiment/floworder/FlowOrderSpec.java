package org.momentumlab.experiment.floworder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The order check of Ghosh et al.'s modified flows (ICLR 2023): for each objective and β, heavy ball
 * with steps h = h0·(1 − β)²/2^i (i = 0..halvings) against the O(h) and the O(h²) flow, each started
 * naively (at x0) and at the corrected point x0 + hβ/(1 − β)²∇E(x0); global error = max over
 * t = kh ∈ [burn_in·T, T] of ‖x_k − x(kh)‖; slope of log error against log h.
 */
public record FlowOrderSpec(@Doc("heavy-ball betas") List<Double> betas,
                            @Doc("step sizes h0 (1 - beta)^2 / 2^i, i = 0..halvings") int halvings,
                            @Doc("errors are measured on t in [burn_in T, T] (heavy ball's start-up is O(h) off any flow)") double burnIn,
                            @Doc("objectives to check (toy, cubic_cnn), each with its horizon T and largest step h0")
                            Map<String, Scale> objectives) {

    /** The objectives there are. */
    public static final List<String> OBJECTIVES = List.of("toy", "cubic_cnn");

    public static final FlowOrderSpec DEFAULTS = new FlowOrderSpec(List.of(0.0, 0.5, 0.9), 4, 0.5,
            Map.of("toy", new Scale(0.2, 0.002), "cubic_cnn", new Scale(0.5, 0.01)));

    public FlowOrderSpec {
        if (betas.isEmpty()) {
            throw new IllegalArgumentException("betas is empty: give at least one beta");
        }
        for (int i = 0; i < betas.size(); i++) {
            Check.halfOpen("betas[" + i + "]", betas.get(i), 0, 1);
        }
        Check.atLeast("halvings", halvings, 1);
        Check.halfOpen("burn_in", burnIn, 0, 1);
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("objectives is empty: give toy and/or cubic_cnn");
        }
        for (String o : objectives.keySet()) {
            if (!OBJECTIVES.contains(o)) {
                throw new IllegalArgumentException("objectives." + o + " is not allowed: objectives are " + String.join(", ", OBJECTIVES));
            }
        }
        betas = List.copyOf(betas);
        Map<String, Scale> ordered = new LinkedHashMap<>();
        for (String o : OBJECTIVES) {
            if (objectives.containsKey(o)) {
                ordered.put(o, objectives.get(o));
            }
        }
        objectives = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The horizon T and the largest step h0 of one objective. */
    public record Scale(@Doc("horizon T") double horizon, @Doc("largest step h0") double h0) {
        public Scale {
            Check.positive("horizon", horizon);
            Check.positive("h0", h0);
        }
    }
}
