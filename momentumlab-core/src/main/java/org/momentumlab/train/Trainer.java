package org.momentumlab.train;

import java.util.List;
import org.momentumlab.model.MiniBatchObjective;
import org.momentumlab.model.Objective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;

/**
 * The training loop for one optimizer: {@link LockstepTrainer} with one member (see there for the
 * order of evaluation, probes, stop rules and update; it allocates nothing per step).
 */
public final class Trainer {
    private final int dimension;
    private final LockstepTrainer loop;
    private final Optimizer optimizer;
    private final List<Probe> probes;

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
        this.dimension = objective.dimension();
        this.loop = new LockstepTrainer(objective, batches, stop, schedule, condition);
        this.optimizer = optimizer;
        this.probes = List.copyOf(probes);
    }

    /**
     * Trains from {@code params} (modified in place: on return it holds the last iterate) and
     * appends probe rows to {@code metrics}.
     */
    public TrainingResult run(double[] params, MetricTable metrics, TrainingListener listener) {
        if (params.length != dimension) {
            throw new IllegalArgumentException("params has length " + params.length + ", objective dimension is " + dimension);
        }
        return loop.run(new double[][] {params}, List.of(new LockstepTrainer.Member(optimizer, probes, metrics, listener)))[0];
    }
}
