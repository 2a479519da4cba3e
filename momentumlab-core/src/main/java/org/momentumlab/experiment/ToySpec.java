package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.util.Check;

/**
 * The two-parameter toy of Ghosh et al. (ICLR 2023), E(w1, w2) = ½(y − w1 w2 x)², minima on the
 * curve w1 w2 = y/x: every optimizer starts at {@code (w1, w2)} and runs {@code steps} steps; probes
 * record the loss, the parameters, ‖w‖² and (optionally) the sharpness.
 */
public record ToySpec(String name, String description, double x, double y, double w1, double w2, long steps,
                      long probeEvery, boolean sharpness, Map<String, OptimizerSpec> optimizers, Map<String, String> sources) {

    public ToySpec {
        Check.finite("objective.x", x);
        Check.finite("objective.y", y);
        Check.finite("start.w1", w1);
        Check.finite("start.w2", w2);
        Check.atLeast("train.steps", steps, 1);
        Check.atLeast("probe.every", probeEvery, 1);
        if (optimizers.isEmpty()) {
            throw new SpecException("optimizers is empty: give at least one optimizer");
        }
        optimizers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(optimizers));
        sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** The toy is deterministic: one run per optimizer, recorded as seed 0. */
    public List<Long> seeds() {
        return List.of(0L);
    }
}
