package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.BatchPlan;
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
 */
public record SeedRuns(Objective objective, double[] w0, long seed, StopRule stop, int batchSize,
                       ProbeSchedule schedule, List<Probe> probes, StopCondition condition) {

    /** The label of an optimizer's runs. */
    public static RunLabel label(String optimizer) {
        return RunLabel.of("optimizer", optimizer);
    }

    /** Trains every optimizer in order, each a run of {@code context}. */
    public void trainAll(Map<String, OptimizerSpec> optimizers, RunContext context) {
        for (Map.Entry<String, OptimizerSpec> e : optimizers.entrySet()) {
            RunContext.Recorder run = context.start(label(e.getKey()), seed, stop.maxSteps());
            BatchPlan batches = batchSize == 0 ? null
                    : new BatchPlan(((MiniBatchObjective) objective).exampleCount(), batchSize, Seeds.stream(seed, "train/batches"));
            List<Probe> runProbes = new java.util.ArrayList<>(probes);
            double limit = e.getValue().stabilityLimit();
            if (Double.isFinite(limit) && probes.stream().anyMatch(p -> p instanceof SharpnessProbe)) {
                runProbes.add((ctx, m) -> m.put("stability_limit", limit));
            }
            PhaseTimes times = context.times();
            runProbes = runProbes.stream().<Probe>map(p -> (ctx, m) -> {
                long t0 = System.nanoTime();
                p.observe(ctx, m);
                times.add("probes", System.nanoTime() - t0);
                times.add("probe:" + p.getClass().getSimpleName(), System.nanoTime() - t0);
            }).toList();
            Trainer trainer = new Trainer(objective, batches, e.getValue().build(stop.maxSteps()), stop, schedule, runProbes, condition);
            long t0 = System.nanoTime();
            TrainingResult result = trainer.run(w0.clone(), run.metrics(), run);
            times.add("training", System.nanoTime() - t0);
            run.finish(result);
        }
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
