package org.momentumlab.train;

import java.util.List;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Stepper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.ProbeContext;

/**
 * The training loop. At each step t = 0, 1, ...: the loss and gradient are computed at the
 * optimizer's evaluation point (full batch, or the next mini-batch of the {@link BatchPlan}); a
 * non-finite loss ends the run as diverged at t; probes run if due (on W_t, before the update);
 * then the optimizer updates the parameters in place. Step 0 and the last step are always probed.
 *
 * <p>The loop allocates nothing per step; probes may (they run on a schedule).
 */
public final class Trainer {
    private final Objective objective;
    private final BatchPlan batches;
    private final Optimizer optimizer;
    private final StopRule stop;
    private final ProbeSchedule schedule;
    private final List<Probe> probes;
    private final StopCondition condition;

    /**
     * @param objective the training objective (must be a {@link MiniBatchObjective} when
     *                  {@code batches} is not full batch)
     * @param batches   the batch order; null for full batch
     */
    public Trainer(Objective objective, BatchPlan batches, Optimizer optimizer, StopRule stop,
                   ProbeSchedule schedule, List<Probe> probes) {
        this(objective, batches, optimizer, stop, schedule, probes, null);
    }

    /** As above, also stopping when {@code condition} (may be null) is reached. */
    public Trainer(Objective objective, BatchPlan batches, Optimizer optimizer, StopRule stop,
                   ProbeSchedule schedule, List<Probe> probes, StopCondition condition) {
        if (batches != null && !batches.fullBatch() && !(objective instanceof MiniBatchObjective)) {
            throw new IllegalArgumentException("train.batch_size = " + batches.batchSize()
                    + " needs an objective with mini-batches; this one is full batch only");
        }
        this.objective = objective;
        this.batches = batches == null || batches.fullBatch() ? null : batches;
        this.optimizer = optimizer;
        this.stop = stop;
        this.schedule = schedule;
        this.probes = List.copyOf(probes);
        this.condition = condition;
    }

    /**
     * Trains from {@code params} (modified in place: on return it holds the last iterate) and
     * appends probe rows to {@code metrics}.
     */
    public TrainingResult run(double[] params, MetricTable metrics, TrainingListener listener) {
        int n = objective.dimension();
        if (params.length != n) {
            throw new IllegalArgumentException("params has length " + params.length + ", objective dimension is " + n);
        }
        double[] grad = new double[n];
        Stepper stepper = optimizer.start(n);
        ProbeContext context = new ProbeContext(objective);
        long maxSteps = stop.maxSteps();
        double lastFinite = Double.NaN;
        for (long t = 0; ; t++) {
            double[] at = stepper.evaluationPoint(params);
            double loss;
            if (batches == null) {
                loss = objective.valueAndGradient(at, grad);
            } else {
                int from = batches.next();
                loss = ((MiniBatchObjective) objective).valueAndGradient(at, grad, batches.order(), from, batches.end());
            }
            if (!Double.isFinite(loss)) {
                return new TrainingResult(t, TrainingResult.StopReason.DIVERGED, t, lastFinite);
            }
            lastFinite = loss;
            boolean exact = batches == null && at == params;
            boolean last = t == maxSteps;
            boolean targetMet = exact && stop.targetLoss() > 0 && loss <= stop.targetLoss();
            boolean conditionMet = condition != null && t % condition.every() == 0 && condition.reached(params);
            if (last || targetMet || conditionMet || schedule.due(t)) {
                if (exact) {
                    context.reset(t, params, stepper, loss, grad);
                } else {
                    context.reset(t, params, stepper);
                }
                metrics.startRow(t);
                metrics.put("train_loss", context.trainLoss());
                for (Probe p : probes) {
                    p.observe(context, metrics);
                }
                if (!exact && stop.targetLoss() > 0 && context.trainLoss() <= stop.targetLoss()) {
                    targetMet = true;
                }
            }
            if (last) {
                return new TrainingResult(t, TrainingResult.StopReason.MAX_STEPS, -1, lastFinite);
            }
            if (targetMet) {
                return new TrainingResult(t, TrainingResult.StopReason.TARGET_LOSS, -1, lastFinite);
            }
            if (conditionMet) {
                return new TrainingResult(t, TrainingResult.StopReason.CONDITION, -1, lastFinite);
            }
            stepper.step(params, grad);
            listener.onStep(t + 1, maxSteps, loss);
        }
    }
}
