package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.probe.ClassificationProbe;
import org.momentumlab.probe.FeatureNoiseProbe;
import org.momentumlab.probe.GradientProjectionProbe;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.train.BatchPlan;
import org.momentumlab.train.StopRule;
import org.momentumlab.train.Trainer;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.GaussianSource;
import org.momentumlab.util.Seeds;

/**
 * Runs a {@link PatchExperimentSpec}: for each seed, draws the data (stream {@code data/*}) and
 * W⁰ ~ N(0, σ0²) (stream {@code model/init}), then trains every optimizer from that same W⁰ on the
 * same data and, in mini-batch training, the same batch order (stream {@code train/batches}).
 * The kernel runs on the given pool; results do not depend on its thread count.
 */
public final class PatchExperiment {
    private PatchExperiment() {
    }

    /** Runs every (seed, optimizer) pair in spec order: seeds outer, optimizers inner. */
    public static List<RunSeries> run(PatchExperimentSpec spec, ComputePool pool, ExperimentListener listener) {
        List<RunSeries> out = new ArrayList<>();
        int total = spec.seeds().size() * spec.optimizers().size();
        int index = 0;
        for (long seed : spec.seeds()) {
            PatchDataGenerator.Split data = PatchDataGenerator.generate(spec.data(), seed);
            CubicCnn train = new CubicCnn(data.train(), spec.model().neurons(), spec.model().lambda(), spec.model().precision(), pool);
            CubicCnn test = new CubicCnn(data.test(), spec.model().neurons(), 0, spec.model().precision(), pool);
            double[] w0 = initialWeights(train.dimension(), spec.model().initStd(), seed);
            List<Probe> probes = List.of(new ClassificationProbe(train, test),
                    new FeatureNoiseProbe(data.train(), spec.model().neurons()),
                    new GradientProjectionProbe(data.train().wStar(), spec.model().neurons()));
            for (Map.Entry<String, OptimizerSpec> e : spec.optimizers().entrySet()) {
                listener.runStarted(index++, total, e.getKey(), seed, spec.train().steps());
                Optimizer opt = e.getValue().build(spec.train().steps());
                BatchPlan batches = spec.train().batchSize() == 0 ? null
                        : new BatchPlan(data.train().size(), spec.train().batchSize(), Seeds.stream(seed, "train/batches"));
                Trainer trainer = new Trainer(train, batches, opt, new StopRule(spec.train().steps(), spec.train().targetLoss()),
                        spec.probe(), probes);
                MetricTable metrics = new MetricTable();
                double[] w = w0.clone();
                TrainingResult result = trainer.run(w, metrics, listener::step);
                RunSeries run = new RunSeries(e.getKey(), seed, metrics, result);
                out.add(run);
                listener.runFinished(run);
            }
        }
        return out;
    }

    /** W⁰ ~ N(0, σ0²) entrywise from the stream {@code model/init} of the seed. */
    public static double[] initialWeights(int dimension, double initStd, long seed) {
        GaussianSource g = new GaussianSource(Seeds.stream(seed, "model/init"));
        double[] w = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            w[i] = initStd * g.next();
        }
        return w;
    }
}
