package org.momentumlab.experiment.toy;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Overlay;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.model.TwoParameterToy;
import org.momentumlab.probe.ParameterProbe;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;

/** Kind {@code toy}: every optimizer from the same start on Ghosh et al.'s two-parameter toy (preset {@code igr-toy}). */
public final class ToyKind extends KindBase<ToySpec> {

    public ToyKind() {
        super("toy", ToySpec.class, ToySpec.DEFAULTS, List.of("igr-toy"), true);
    }

    @Override
    public void check(Spec<ToySpec> spec) {
        SeedRuns.requireOptimizers(spec.body().optimizers());
    }

    @Override
    public RunPlan plan(Spec<ToySpec> spec) {
        return RunPlan.of(spec.seeds(), spec.body().optimizers().size(), "optimizer", spec.body().train().steps(), "steps");
    }

    @Override
    public ResultLayout layout(Spec<ToySpec> spec) {
        boolean sharp = spec.body().probe().sharpness();
        List<Column> columns = new ArrayList<>();
        if (sharp) {
            columns.add(Column.number("sharpness", "sharpness"));
        }
        columns.addAll(List.of(Column.number("w_norm2", "w1^2 + w2^2"), Column.number("w1", "w1"), Column.number("w2", "w2"),
                Column.number("train_loss", "final loss")));
        List<Panel> panels = new ArrayList<>(List.of(
                new Panel("trajectories", "Trajectories over the minima w1·w2 = c", "w1", "w1", "w2", "w2", false, false,
                        List.of(), "", Overlay.PRODUCT_CURVE),
                Panel.overSteps("train_loss", "Training loss", "train_loss", "loss (log scale)", true).withLogX(),
                Panel.overSteps("w_norm2", "Flatness: w₁² + w₂²", "w_norm2", "‖w‖²", false).withLogX()));
        if (sharp) {
            panels.add(Panel.overSteps("sharpness", "Sharpness: top Hessian eigenvalue", "sharpness", "sharpness", false).withLogX());
        }
        return new ResultLayout(List.of("optimizer"), columns, panels, "curves");
    }

    @Override
    public void run(Spec<ToySpec> spec, RunContext context) {
        ToySpec s = spec.body();
        TwoParameterToy toy = new TwoParameterToy(s.objective().x(), s.objective().y());
        List<Probe> probes = new ArrayList<>(List.of(new ParameterProbe()));
        if (s.probe().sharpness()) {
            probes.add(new SharpnessProbe());
        }
        new SeedRuns(toy, new double[] {s.start().w1(), s.start().w2()}, 0, StopRule.steps(s.train().steps()), 0,
                new ProbeSchedule(s.probe().every(), 20), probes, null).trainAll(s.optimizers(), context);
    }
}
