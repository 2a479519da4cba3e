package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.model.SharedPassObjective;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.BatchPlan;
import org.momentumlab.train.LockstepTrainer;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopCondition;
import org.momentumlab.train.StopRule;
import org.momentumlab.train.Trainer;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.Seeds;

/**
 * The inner loop the training kinds share: for one seed, train each optimizer from the same W⁰ on
 * the same objective and, with mini-batches, the same batch order (stream {@code train/batches});
 * each optimizer is one run labelled {@code optimizer = NAME}.
 *
 * @param batchSize 0 for full batch; otherwise the objective must be a {@link MiniBatchObjective}
 * @param condition an extra stopping test, or null
 * @param runProbes probes made afresh for each optimizer's run (after {@code probes})
 */
public record SeedRuns(Objective objective, double[] w0, long seed, StopRule stop, int batchSize,
                       ProbeSchedule schedule, List<Probe> probes, StopCondition condition,
                       java.util.function.Function<OptimizerSpec, List<Probe>> runProbes) {

    /** Without probes made per run. */
    public SeedRuns(Objective objective, double[] w0, long seed, StopRule stop, int batchSize, ProbeSchedule schedule, List<Probe> probes,
                    StopCondition condition) {
        this(objective, w0, seed, stop, batchSize, schedule, probes, condition, o -> List.of());
    }

    /** The label of an optimizer's runs. */
    public static RunLabel label(String optimizer) {
        return RunLabel.of("optimizer", optimizer);
    }

    /**
     * Trains every optimizer, each a run of {@code context}. On an objective that evaluates several
     * weight sets per pass over its data ({@link SharedPassObjective}) the optimizers train in
     * lockstep, sharing those passes; results are the same bits either way.
     */
    public void trainAll(Map<String, OptimizerSpec> optimizers, RunContext context) {
        if (objective instanceof SharedPassObjective shared && optimizers.size() > 1) {
            trainTogether(shared, optimizers, context);
            return;
        }
        for (Map.Entry<String, OptimizerSpec> e : optimizers.entrySet()) {
            RunContext.Recorder run = context.start(label(e.getKey()), seed, stop.maxSteps());
            Trainer trainer = new Trainer(objective, batches(), e.getValue().build(stop.maxSteps()), stop, schedule,
                    probesFor(e.getValue(), context.times()), condition);
            long t0 = System.nanoTime();
            TrainingResult result = trainer.run(w0.clone(), run.metrics(), run);
            context.times().add("training", System.nanoTime() - t0);
            run.finish(result);
        }
    }

    private void trainTogether(SharedPassObjective shared, Map<String, OptimizerSpec> optimizers, RunContext context) {
        List<String> names = List.copyOf(optimizers.keySet());
        List<RunContext.Recorder> runs = context.startTogether(names.stream().map(SeedRuns::label).toList(), seed, stop.maxSteps());
        List<LockstepTrainer.Member> members = new java.util.ArrayList<>();
        double[][] params = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            OptimizerSpec o = optimizers.get(names.get(i));
            members.add(new LockstepTrainer.Member(o.build(stop.maxSteps()), probesFor(o, context.times()), runs.get(i).metrics(), runs.get(i)));
            params[i] = w0.clone();
        }
        long t0 = System.nanoTime();
        TrainingResult[] results = new LockstepTrainer(shared, batches(), stop, schedule, condition).run(params, members);
        context.times().add("training", System.nanoTime() - t0);
        for (int i = 0; i < names.size(); i++) {
            runs.get(i).finish(results[i]);
        }
    }

    /** The batch order of this seed (stream {@code train/batches}), or null for full batch. */
    private BatchPlan batches() {
        return batchSize == 0 ? null
                : new BatchPlan(((MiniBatchObjective) objective).exampleCount(), batchSize, Seeds.stream(seed, "train/batches"));
    }

    /** The probes of one optimizer's run (with its stability limit where the sharpness is probed), timed. */
    private List<Probe> probesFor(OptimizerSpec o, PhaseTimes times) {
        List<Probe> runProbes = new java.util.ArrayList<>(probes);
        runProbes.addAll(this.runProbes.apply(o)); // fresh for each run: probes that keep state across a run's rows
        double limit = o.stabilityLimit();
        if (Double.isFinite(limit) && probes.stream().anyMatch(p -> p instanceof SharpnessProbe)) {
            runProbes.add((ctx, m) -> m.put("stability_limit", limit));
        }
        return runProbes.stream().<Probe>map(p -> (ctx, m) -> {
            long t0 = System.nanoTime();
            p.observe(ctx, m);
            long dt = System.nanoTime() - t0;
            times.add("probes", dt);
            String name = p.getClass().getSimpleName();
            times.add("probe:" + (name.contains("$$") || name.isEmpty() ? "other" : name), dt);
        }).toList();
    }

    /**
     * Sato &amp; Iiduka's noise probe for one optimizer's run of {@code steps} steps at batch size
     * {@code batchSize} (0 = full batch): the tail mean over the second half; with a mini-batch
     * objective, C from {@code draws} fresh batches per probe (stream {@code probe/noise_batches}/step),
     * K and the optimizer's degree of smoothing; {@code after} adds the after-update measurement.
     */
    public static Probe noiseProbe(OptimizerSpec o, Objective objective, int batchSize, long steps, long seed, int draws, boolean after) {
        if (!(objective instanceof MiniBatchObjective mb)) {
            return new org.momentumlab.probe.OptimizerNoiseProbe(new org.momentumlab.probe.OptimizerNoiseProbe.Options(steps / 2, null, 0, 0, 0,
                    null, null, after));
        }
        int n = mb.exampleCount();
        int b = batchSize == 0 ? n : Math.min(n, batchSize);
        return new org.momentumlab.probe.OptimizerNoiseProbe(new org.momentumlab.probe.OptimizerNoiseProbe.Options(steps / 2,
                mb::valueAndGradient, n, b, draws, t -> Seeds.stream(Seeds.mix(seed, "probe/noise_batches"), Long.toString(t)),
                o.smoothing(b), after));
    }

    /** An optimizers section kept in its order. */
    public static Map<String, OptimizerSpec> ordered(Map<String, OptimizerSpec> optimizers) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(optimizers));
    }

    /** Refuses a spec without optimizers (there is no default set: a spec says what it compares). */
    public static void requireOptimizers(Map<String, OptimizerSpec> optimizers) {
        if (optimizers.isEmpty()) {
            throw new SpecException("optimizers is empty: give at least one, e.g. --set optimizers.gd.type=gd --set optimizers.gd.lr=0.1");
        }
    }
}
