package org.momentumlab.experiment.saddle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.ResultLayout.Stat;
import org.momentumlab.experiment.ResultLayout.Style;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.BatchPlan;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;
import org.momentumlab.train.Trainer;
import org.momentumlab.train.TrainingListener;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.Seeds;

/**
 * Kind {@code saddle-escape}: Wang, Lin &amp; Abernethy (ICLR 2020), stochastic momentum escapes
 * saddle points faster. Seeds run in parallel (each seed's runs on one thread, all optimizers of a
 * seed on the same instance, start and sampled components); results are recorded in seed order, so
 * they are the same on any thread count.
 */
public final class SaddleEscapeKind extends KindBase<SaddleEscapeSpec> {

    public SaddleEscapeKind() {
        super("saddle-escape", SaddleEscapeSpec.class, SaddleEscapeSpec.DEFAULTS,
                List.of("saddle-escape", "saddle-escape-quick", "saddle-escape-noise", "saddle-escape-matched", "phase-retrieval", "phase-retrieval-quick"), false);
    }

    @Override
    public void check(Spec<SaddleEscapeSpec> spec) {
        SeedRuns.requireOptimizers(spec.body().optimizers());
    }

    @Override
    public RunPlan plan(Spec<SaddleEscapeSpec> spec) {
        return RunPlan.of(spec.seeds(), spec.body().optimizers().size(), "optimizer", spec.body().train().steps(), "steps");
    }

    @Override
    public ResultLayout layout(Spec<SaddleEscapeSpec> spec) {
        boolean retrieval = spec.body().objective() == SaddleEscapeSpec.Problem.PHASE_RETRIEVAL;
        List<Column> columns = new ArrayList<>(List.of(
                Column.censored("escape_step", "escaped", Stat.FRACTION),
                Column.censored("escape_step", "median escape step [95% CI]", Stat.MEDIAN_CI),
                Column.censored("escape_step", "IQR", Stat.IQR),
                Column.censored("escape_step", "vs first [95% CI]", Stat.MEDIAN_RATIO),
                Column.censored("ball_exit_step", "median ball exit [95% CI]", Stat.MEDIAN_CI),
                Column.number("cnc_start", "CNC at w0")));
        if (retrieval) {
            columns.add(Column.number("dist", "final dist"));
        }
        columns.add(Column.number("train_loss", "final f"));
        List<Panel> panels = new ArrayList<>();
        panels.add(Panel.overSteps("loss", "f(wₜ), median and IQR over seeds", "train_loss", retrieval ? "f (log scale)" : "f",
                retrieval).withLogX().withStyle(Style.MEDIAN_IQR));
        if (retrieval) {
            panels.add(Panel.overSteps("dist", "dist(wₜ, ±w*)/‖w*‖", "dist", "dist (log scale)", true).withLogX().withStyle(Style.MEDIAN_IQR));
        }
        panels.add(Panel.overSteps("escape_coord", "|⟨wₜ − saddle, v⟩| along the escape direction", "escape_coord",
                "|coordinate| (log scale)", true).withLogX().withStyle(Style.MEDIAN_IQR));
        panels.add(Panel.overSteps("cnc", "CNC: mean ⟨∇fᵢ(wₜ), v⟩²", "cnc", "mean squared projection", true)
                .withLogX().withStyle(Style.MEDIAN_IQR));
        if (spec.body().probe().noise()) {
            panels.add(Panel.overSteps("noise_level", "Optimizer noise ‖mₜ − ∇f(wₜ)‖ (before the update)", "noise_level", "noise (log scale)", true)
                    .withLogX().withStyle(Style.MEDIAN_IQR));
        }
        if (spec.body().probe().minEigenvalue()) {
            panels.add(Panel.overSteps("min_eig", "Smallest Hessian eigenvalue", "min_eig", "eigenvalue", false)
                    .withLogX().withStyle(Style.MEDIAN_IQR));
        }
        panels.add(Panel.ecdf("escape_ecdf", "Escape times (ECDF over seeds)", "escape_step", "escape step (log scale)", true));
        panels.add(Panel.ecdf("ball_exit_ecdf", "Ball exit times (ECDF over seeds)", "ball_exit_step", "step (log scale)", true));
        return new ResultLayout(List.of("optimizer"), columns, panels, "escape");
    }

    /** One seed's runs: per optimizer its metrics and result; the nanoseconds it took and those its probes took. */
    private record SeedOutcome(MetricTable[] tables, TrainingResult[] results, long nanos, long probeNanos) {
    }

    @Override
    public void run(Spec<SaddleEscapeSpec> spec, RunContext context) {
        SaddleEscapeSpec s = spec.body();
        List<Long> seeds = spec.seeds();
        List<String> names = List.copyOf(s.optimizers().keySet());
        int block = Math.max(1, 4 * context.pool().threads());
        for (int from = 0; from < seeds.size(); from += block) {
            int to = Math.min(seeds.size(), from + block);
            SeedOutcome[] out = new SeedOutcome[to - from];
            int first = from;
            long t0 = System.nanoTime();
            context.pool().run(to - from, c -> out[c] = runSeed(s, seeds.get(first + c)));
            long wall = System.nanoTime() - t0;
            long busy = 0;
            long probes = 0;
            for (SeedOutcome o : out) {
                busy += o.nanos();
                probes += o.probeNanos();
            }
            // seeds run in parallel: the probes get their share of the wall time
            context.times().add("training", wall);
            context.times().add("probes", busy == 0 ? 0 : (long) ((double) wall * probes / busy));
            for (int c = 0; c < out.length; c++) {
                for (int i = 0; i < names.size(); i++) {
                    context.start(SeedRuns.label(names.get(i)), seeds.get(first + c), s.train().steps())
                            .finish(out[c].tables()[i], out[c].results()[i]);
                }
            }
        }
    }

    /** Every optimizer of one seed, on this thread. */
    static SeedOutcome runSeed(SaddleEscapeSpec s, long seed) {
        long t0 = System.nanoTime();
        long[] probeNanos = new long[1];
        SaddleProblem problem = new SaddleProblem(s, seed);
        int k = s.optimizers().size();
        MetricTable[] tables = new MetricTable[k];
        TrainingResult[] results = new TrainingResult[k];
        int i = 0;
        for (Map.Entry<String, OptimizerSpec> e : s.optimizers().entrySet()) {
            EscapeMonitor monitor = new EscapeMonitor(problem, s.escape().radius(), s.train().stopAtEscape());
            List<org.momentumlab.probe.Probe> probes = new ArrayList<>(List.of(timed(new EscapeProbe(problem, monitor, s.probe().minEigenvalue()),
                    probeNanos)));
            if (s.probe().noise()) {
                probes.add(timed(SeedRuns.noiseProbe(e.getValue(), problem.objective, s.train().batchSize(), s.train().steps(), seed,
                        s.probe().noiseDraws(), false), probeNanos));
            }
            Trainer trainer = new Trainer(problem.objective, batches(s, problem, seed), e.getValue().build(s.train().steps()),
                    StopRule.steps(s.train().steps()), new ProbeSchedule(s.probe().every(), s.probe().perDecade()), probes, monitor);
            tables[i] = new MetricTable();
            results[i] = trainer.run(problem.start.clone(), tables[i], TrainingListener.NONE);
            i++;
        }
        return new SeedOutcome(tables, results, System.nanoTime() - t0, probeNanos[0]);
    }

    private static org.momentumlab.probe.Probe timed(org.momentumlab.probe.Probe p, long[] nanos) {
        return (ctx, m) -> {
            long t0 = System.nanoTime();
            p.observe(ctx, m);
            nanos[0] += System.nanoTime() - t0;
        };
    }

    /** The sampled components of a seed (stream {@code train/batches}; the same for every optimizer), or null for the full gradient. */
    private static BatchPlan batches(SaddleEscapeSpec s, SaddleProblem problem, long seed) {
        int b = s.train().batchSize();
        if (b == 0) {
            return null;
        }
        int n = problem.objective.exampleCount();
        var rng = Seeds.stream(seed, "train/batches");
        return s.train().sampling() == SaddleEscapeSpec.Sampling.WITH_REPLACEMENT ? BatchPlan.withReplacement(n, b, rng) : new BatchPlan(n, b, rng);
    }
}
