package org.momentumlab.experiment.example;

import java.util.List;
import java.util.SplittableRandom;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.model.Objective;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;
import org.momentumlab.util.Seeds;

/**
 * An experiment kind written the way the README's recipe says, in test sources only: its spec
 * record, this class, a preset ({@code presets/quadratic-example.yaml}) and one line in
 * {@code META-INF/services}. Nothing else in the project knows it.
 */
public final class QuadraticKind extends KindBase<QuadraticSpec> {

    public QuadraticKind() {
        super("quadratic-example", QuadraticSpec.class, QuadraticSpec.DEFAULTS, List.of("quadratic-example"), false);
    }

    @Override
    public RunPlan plan(Spec<QuadraticSpec> spec) {
        return RunPlan.of(spec.seeds(), spec.body().optimizers().size(), "optimizer", spec.body().steps(), "steps");
    }

    @Override
    public ResultLayout layout(Spec<QuadraticSpec> spec) {
        return new ResultLayout(List.of("optimizer"), List.of(ResultLayout.Column.number("train_loss", "final loss")),
                List.of(ResultLayout.Panel.overSteps("train_loss", "Loss", "train_loss", "loss", true)), "");
    }

    @Override
    public void run(Spec<QuadraticSpec> spec, RunContext context) {
        double[] c = spec.body().curvatures().stream().mapToDouble(Double::doubleValue).toArray();
        Objective f = new Objective() {
            @Override
            public int dimension() {
                return c.length;
            }

            @Override
            public double valueAndGradient(double[] x, double[] grad) {
                double v = 0;
                for (int i = 0; i < c.length; i++) {
                    grad[i] = c[i] * x[i];
                    v += 0.5 * c[i] * x[i] * x[i];
                }
                return v;
            }
        };
        for (long seed : spec.seeds()) {
            SplittableRandom r = Seeds.stream(seed, "model/init");
            double[] x0 = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                x0[i] = 2 * r.nextDouble() - 1;
            }
            new SeedRuns(f, x0, seed, StopRule.steps(spec.body().steps()), 0, ProbeSchedule.every(10), List.of(), null)
                    .trainAll(spec.body().optimizers(), context);
        }
    }
}
