package org.momentumlab.experiment.example;

import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/** The spec of the example kind: a diagonal quadratic ½ Σ c_i x_i² from a seeded start, and the optimizers. */
public record QuadraticSpec(@Doc("curvatures c_i of the diagonal quadratic") List<Double> curvatures,
                            @Doc("steps of every optimizer") long steps,
                            @Doc("optimizers: name -> type, lr and its fields") Map<String, OptimizerSpec> optimizers) {

    public static final QuadraticSpec DEFAULTS = new QuadraticSpec(List.of(1.0, 0.1), 100, Map.of());

    public QuadraticSpec {
        for (int i = 0; i < curvatures.size(); i++) {
            Check.positive("curvatures[" + i + "]", curvatures.get(i));
        }
        Check.atLeast("steps", steps, 1);
        curvatures = List.copyOf(curvatures);
        optimizers = SeedRuns.ordered(optimizers);
    }
}
