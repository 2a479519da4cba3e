package org.momentumlab.experiment.patch;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.probe.ClassificationProbe;
import org.momentumlab.probe.FeatureNoiseProbe;
import org.momentumlab.probe.GradientProjectionProbe;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.StopRule;

/**
 * Kind {@code patch-cnn} (the default kind): Jelassi &amp; Li's synthetic experiment (Figure 3). For
 * each seed, draws the data (streams {@code data/*}) and W⁰ ~ N(0, σ0²) (stream {@code model/init}),
 * then trains every optimizer from that same W⁰ on the same data and, in mini-batch training, the
 * same batch order (stream {@code train/batches}). Runs: seeds outer, optimizers inner.
 */
public final class PatchCnnKind extends KindBase<PatchCnnSpec> {

    public PatchCnnKind() {
        super("patch-cnn", PatchCnnSpec.class, PatchCnnSpec.DEFAULTS, List.of("momentum-vs-gd", "momentum-vs-gd-quick"), false);
    }

    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public void check(Spec<PatchCnnSpec> spec) {
        SeedRuns.requireOptimizers(spec.body().optimizers());
    }

    @Override
    public RunPlan plan(Spec<PatchCnnSpec> spec) {
        return RunPlan.of(spec.seeds(), spec.body().optimizers().size(), "optimizer", spec.body().train().steps(), "steps");
    }

    @Override
    public ResultLayout layout(Spec<PatchCnnSpec> spec) {
        boolean sharp = spec.body().probe().sharpnessEvery() > 0;
        List<Column> columns = new ArrayList<>(List.of(Column.percent("train_acc", "train acc"),
                Column.percent("test_acc_large", "test acc large"), Column.percent("test_acc_small", "test acc small"),
                Column.number("max_signal", "max signal")));
        List<Panel> panels = new ArrayList<>(List.of(
                Panel.overSteps("train_loss", "Training loss", "train_loss", "loss (log scale)", true),
                Panel.overSteps("test_acc_large", "Test accuracy, large-margin data", "test_acc_large", "accuracy", false),
                Panel.overSteps("test_acc_small", "Test accuracy, small-margin data", "test_acc_small", "accuracy", false),
                Panel.overSteps("max_signal", "Feature learnt: maxᵣ ⟨wᵣ, w*⟩", "max_signal", "max signal", false),
                Panel.overSteps("noise_small", "Noise memorized: mean y·Ξ, small-margin train", "noise_small_mean", "mean y·Ξᵢ", false)));
        if (spec.body().probe().noise()) {
            columns.add(Column.number("noise_level_tail", "noise (mean, 2nd half)"));
            panels.add(Panel.overSteps("noise_level", "Optimizer noise ‖mₜ − ∇f(Wₜ)‖ (before the update)", "noise_level", "noise (log scale)", true));
        }
        if (sharp) {
            columns.add(Column.number("sharpness", "sharpness"));
            panels.add(Panel.overSteps("sharpness", "Sharpness (dashed: stability limit)", "sharpness", "top Hessian eigenvalue", false)
                    .withOverlay(ResultLayout.Overlay.STABILITY_LIMIT));
        }
        return new ResultLayout(List.of("optimizer"), columns, panels, "figure3");
    }

    @Override
    public void run(Spec<PatchCnnSpec> spec, RunContext context) {
        PatchCnnSpec s = spec.body();
        for (long seed : spec.seeds()) {
            PatchDataGenerator.Split data = context.times().time("data", () -> PatchDataGenerator.generate(s.data().distribution(), seed));
            CubicCnn train = new CubicCnn(data.train(), s.model().neurons(), s.model().lambda(), s.model().precision(), context.pool());
            CubicCnn test = new CubicCnn(data.test(), s.model().neurons(), 0, s.model().precision(), context.pool());
            double[] w0 = CubicCnn.initialWeights(train.dimension(), s.model().initStd(), seed);
            List<Probe> probes = new ArrayList<>(List.of(new ClassificationProbe(train, test),
                    new FeatureNoiseProbe(train),
                    new GradientProjectionProbe(data.train().wStar(), s.model().neurons())));
            if (s.probe().sharpnessEvery() > 0) {
                probes.add(new SharpnessProbe(s.probe().sharpnessEvery()));
            }
            new SeedRuns(train, w0, seed, new StopRule(s.train().steps(), s.train().targetLoss()), s.train().batchSize(),
                    s.probe().schedule(), probes, null, o -> !s.probe().noise() ? List.of()
                    : List.of(SeedRuns.noiseProbe(o, train, s.train().batchSize(), s.train().steps(), seed, s.probe().noiseDraws(),
                            s.probe().noiseAfterUpdate()))).trainAll(s.optimizers(), context);
        }
    }
}
