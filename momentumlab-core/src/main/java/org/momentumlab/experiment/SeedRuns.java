package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.probe.MetricTable;
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
 * The inner loop every experiment kind shares: for one seed, train each optimizer from the same
 * W⁰ on the same objective and, with mini-batches, the same batch order (stream
 * {@code train/batches}), appending one {@link RunSeries} per optimizer.
 *
 * @param batchSize 0 for full batch; otherwise the objective must be a {@link MiniBatchObjective}
 * @param condition an extra stopping test, or null
 */
record SeedRuns(Objective objective, double[] w0, long seed, StopRule stop, int batchSize,
                ProbeSchedule schedule, List<Probe> probes, StopCondition condition) {

    /** Runs every optimizer; {@code index} is the index of the first run among {@code total}; returns the next index. */
    int trainAll(Map<String, OptimizerSpec> optimizers, int index, int total, ExperimentListener listener, List<RunSeries> out) {
        for (Map.Entry<String, OptimizerSpec> e : optimizers.entrySet()) {
            listener.runStarted(index++, total, e.getKey(), seed, stop.maxSteps());
            BatchPlan batches = batchSize == 0 ? null
                    : new BatchPlan(((MiniBatchObjective) objective).exampleCount(), batchSize, Seeds.stream(seed, "train/batches"));
            List<Probe> runProbes = probes;
            double limit = e.getValue().stabilityLimit();
            if (Double.isFinite(limit) && probes.stream().anyMatch(p -> p instanceof SharpnessProbe)) {
                runProbes = new java.util.ArrayList<>(probes);
                runProbes.add((ctx, m) -> m.put("stability_limit", limit));
            }
            Trainer trainer = new Trainer(objective, batches, e.getValue().build(stop.maxSteps()), stop, schedule, runProbes, condition);
            MetricTable metrics = new MetricTable();
            TrainingResult result = trainer.run(w0.clone(), metrics, listener::step);
            RunSeries run = new RunSeries(e.getKey(), seed, metrics, result);
            out.add(run);
            listener.runFinished(run);
        }
        return index;
    }
}
