package org.momentumlab.train;

import java.util.List;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.model.SharedPassObjective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Stepper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.ProbeContext;

/**
 * The training loop, for one optimizer or several in lockstep. At each step t = 0, 1, ... every
 * member still training: its loss and gradient are computed at its optimizer's evaluation point (full
 * batch, or the step's mini-batch of the {@link BatchPlan}, the same for every member); a non-finite
 * loss ends the member as diverged at t; its probes run if due (on W_t, before the update; step 0 and
 * the last step are always probed); stop rules end it; otherwise its optimizer updates its parameters
 * in place. On a {@link SharedPassObjective} the members' losses and gradients of a step are computed
 * in one pass over the data; otherwise one after the other. Either way each member gets exactly what
 * it would get trained alone ({@link Trainer} is this loop with one member).
 *
 * <p>The loop allocates nothing per step; probes may (they run on a schedule).
 */
public final class LockstepTrainer {
    private final Objective objective;
    private final BatchPlan batches;
    private final StopRule stop;
    private final ProbeSchedule schedule;
    private final StopCondition condition;

    /** One optimizer of the lockstep: its rule, probes, metric table and listener. */
    public record Member(Optimizer optimizer, List<Probe> probes, MetricTable metrics, TrainingListener listener) {
    }

    /**
     * @param objective must be a {@link MiniBatchObjective} when {@code batches} is not full batch
     * @param batches   the batch order; null for full batch
     * @param condition an extra stopping test, or null
     */
    public LockstepTrainer(Objective objective, BatchPlan batches, StopRule stop, ProbeSchedule schedule, StopCondition condition) {
        if (batches != null && !batches.fullBatch() && !(objective instanceof MiniBatchObjective)) {
            throw new IllegalArgumentException("train.batch_size = " + batches.batchSize()
                    + " needs an objective with mini-batches; this one is full batch only");
        }
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
        long nextProbe = 0;
        for (long t = 0; a > 0; t++) {
            boolean due = t == nextProbe;
            if (due) {
                nextProbe = schedule.nextAfter(t);
            }
            for (int x = 0; x < a; x++) {
                int i = active[x];
                at[x] = steppers[i].evaluationPoint(params[i]);
                activeGrads[x] = grads[i];
            }
            evaluate(at, activeGrads, losses, a);
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
                if (last || targetMet || conditionMet || due) {
                    ProbeContext context = contexts[i];
                    if (exact) {
                        context.reset(t, params[i], steppers[i], loss, grad);
                    } else {
                        context.reset(t, params[i], steppers[i]);
                    }
                    context.stepGradient(grad);
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

    /** Losses and gradients of the {@code k} points of this step: in one shared pass where the objective offers it. */
    private void evaluate(double[][] at, double[][] grads, double[] losses, int k) {
        int from = batches == null ? 0 : batches.next();
        if (objective instanceof SharedPassObjective shared && k > 1) {
            if (batches == null) {
                shared.valuesAndGradients(at, grads, losses, k);
            } else {
                shared.valuesAndGradients(at, grads, losses, k, batches.order(), from, batches.end());
            }
            return;
        }
        for (int x = 0; x < k; x++) {
            losses[x] = batches == null ? objective.valueAndGradient(at[x], grads[x])
                    : ((MiniBatchObjective) objective).valueAndGradient(at[x], grads[x], batches.order(), from, batches.end());
        }
    }
}
