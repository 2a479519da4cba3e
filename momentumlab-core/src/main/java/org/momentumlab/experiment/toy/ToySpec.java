package org.momentumlab.experiment.toy;

import java.util.Map;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.util.Check;
import org.momentumlab.util.Doc;

/**
 * The two-parameter toy of Ghosh et al. (ICLR 2023), E(w1, w2) = ½(y − w1 w2 x)², minima on the
 * curve w1 w2 = y/x: every optimizer starts at (w1, w2) and runs {@code train.steps} steps; probes
 * record the loss, the parameters, ‖w‖² and (optionally) the sharpness.
 */
public record ToySpec(Objective objective, Start start, Train train, Probe probe,
                      @Doc("the optimizers to compare, each from the same start: name -> type, lr and its fields")
                      Map<String, OptimizerSpec> optimizers) {

    public static final ToySpec DEFAULTS = new ToySpec(new Objective(1.0, 0.6), new Start(2.8, 3.4), new Train(50000),
            new Probe(500, true), Map.of());

    public ToySpec {
        optimizers = SeedRuns.ordered(optimizers);
    }

    public record Objective(@Doc("x in E = (y - w1 w2 x)^2 / 2") double x, @Doc("y in E = (y - w1 w2 x)^2 / 2") double y) {
        public Objective {
            Check.finite("x", x);
            Check.finite("y", y);
        }
    }

    public record Start(@Doc("initial w1") double w1, @Doc("initial w2") double w2) {
        public Start {
            Check.finite("w1", w1);
            Check.finite("w2", w2);
        }
    }

    public record Train(@Doc("steps of every optimizer") long steps) {
        public Train {
            Check.atLeast("steps", steps, 1);
        }
    }

    public record Probe(@Doc("probe every k steps (and at 20 log-spaced steps per decade)") long every,
                        @Doc("record the top Hessian eigenvalue (Lanczos)") boolean sharpness) {
        public Probe {
            Check.atLeast("every", every, 1);
        }
    }
}
