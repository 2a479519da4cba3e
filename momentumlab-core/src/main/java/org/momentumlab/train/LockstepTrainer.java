package org.momentumlab.train;

import java.util.List;
import org.momentumlab.model.SharedPassObjective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Stepper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.ProbeContext;

/**
 * Trains several optimizers on one objective in lockstep, evaluating all their losses and gradients
 * of a step in one pass over the data ({@link SharedPassObjective}). Each member follows exactly the
 * loop of {@link Trainer} — evaluation point, divergence, probes on the schedule, stop rules, update —
 * and gets exactly the result, metrics and listener calls that a {@link Trainer} of its own would
 * give; the same mini-batch order is used for every member (as separate plans of one seed give).
 * A member that stops leaves the pass.
 */
public final class LockstepTrainer {
    private final SharedPassObjective objective;
    private final BatchPlan batches;
    private final StopRule stop;
    private final ProbeSchedule schedule;
    private final StopCondition condition;

    /** One optimizer of the lockstep: its rule, probes, metric table and listener. */
    public record Member(Optimizer optimizer, List<Probe> probes, MetricTable metrics, TrainingListener listener) {
    }

    /** As {@link Trainer}'s constructor; {@code batches} null for full batch. */
    public LockstepTrainer(SharedPassObjective objective, BatchPlan batches, StopRule stop, ProbeSchedule schedule, StopCondition condition) {
        this.objective = objective;
        this.batches = batches == null || batches.fullBatch() ? null : batches;
        this.stop = stop;
        this.schedule = schedule;
        this.condition = condition;
    }

    /**
     * Trains member i from {@code params[i]} (modified in place: on return it holds the member's last
     * iterate); returns the members' results in order.
     */
    public TrainingResult[] run(double[][] params, List<Member> members) {
        int k = members.size();
        int n = objective.dimension();
        Stepper[] steppers = new Stepper[k];
        ProbeContext[] contexts = new ProbeContext[k];
        double[][] grads = new double[k][n];
        double[] lastFinite = new double[k];
        TrainingResult[] results = new TrainingResult[k];
        for (int i = 0; i < k; i++) {
            if (params[i].length != n) {
                throw new IllegalArgumentException("params[" + i + "] has length " + params[i].length + ", objective dimension is " + n);
            }
            steppers[i] = members.get(i).optimizer().start(n);
            contexts[i] = new ProbeContext(objective);
            lastFinite[i] = Double.NaN;
        }
        int[] active = new int[k]; // members still training, in order
        for (int i = 0; i < k; i++) {
            active[i] = i;
        }
        int a = k;
        double[][] at = new double[k][];
        double[][] activeGrads = new double[k][];
        double[] losses = new double[k];
        long maxSteps = stop.maxSteps();
        for (long t = 0; a > 0; t++) {
            for (int x = 0; x < a; x++) {
                int i = active[x];
                at[x] = steppers[i].evaluationPoint(params[i]);
                activeGrads[x] = grads[i];
            }
            if (batches == null) {
                objective.valuesAndGradients(at, activeGrads, losses, a);
            } else {
                int from = batches.next();
                objective.valuesAndGradients(at, activeGrads, losses, a, batches.order(), from, batches.end());
            }
            int still = 0;
            for (int x = 0; x < a; x++) {
                int i = active[x];
                Member mb = members.get(i);
                double loss = losses[x];
                if (!Double.isFinite(loss)) {
                    results[i] = new TrainingResult(t, TrainingResult.StopReason.DIVERGED, t, lastFinite[i]);
                    continue;
                }
                lastFinite[i] = loss;
                double[] grad = grads[i];
                boolean exact = batches == null && at[x] == params[i];
                boolean last = t == maxSteps;
                boolean targetMet = exact && stop.targetLoss() > 0 && loss <= stop.targetLoss();
                boolean conditionMet = condition != null && t % condition.every() == 0 && condition.reached(params[i]);
                if (last || targetMet || conditionMet || schedule.due(t)) {
                    ProbeContext context = contexts[i];
                    if (exact) {
                        context.reset(t, params[i], steppers[i], loss, grad);
                    } else {
                        context.reset(t, params[i], steppers[i]);
                    }
                    mb.metrics().startRow(t);
                    mb.metrics().put("train_loss", context.trainLoss());
                    for (Probe p : mb.probes()) {
                        p.observe(context, mb.metrics());
                    }
                    if (!exact && stop.targetLoss() > 0 && context.trainLoss() <= stop.targetLoss()) {
                        targetMet = true;
                    }
                }
                if (last) {
                    results[i] = new TrainingResult(t, TrainingResult.StopReason.MAX_STEPS, -1, lastFinite[i]);
                    continue;
                }
                if (targetMet) {
                    results[i] = new TrainingResult(t, TrainingResult.StopReason.TARGET_LOSS, -1, lastFinite[i]);
                    continue;
                }
                if (conditionMet) {
                    results[i] = new TrainingResult(t, TrainingResult.StopReason.CONDITION, -1, lastFinite[i]);
                    continue;
                }
                steppers[i].step(params[i], grad);
                mb.listener().onStep(t + 1, maxSteps, loss);
                active[still++] = i;
            }
            a = still;
        }
        return results;
    }
}
