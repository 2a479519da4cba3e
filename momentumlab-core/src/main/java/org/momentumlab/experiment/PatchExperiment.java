package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.probe.ClassificationProbe;
import org.momentumlab.probe.FeatureNoiseProbe;
import org.momentumlab.probe.GradientProjectionProbe;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.SharpnessProbe;
import org.momentumlab.train.StopRule;
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
            List<Probe> probes = new java.util.ArrayList<>(List.of(new ClassificationProbe(train, test),
                    new FeatureNoiseProbe(data.train(), spec.model().neurons()),
                    new GradientProjectionProbe(data.train().wStar(), spec.model().neurons())));
            if (spec.sharpnessEvery() > 0) {
                probes.add(new SharpnessProbe(spec.sharpnessEvery()));
            }
            index = new SeedRuns(train, w0, seed, new StopRule(spec.train().steps(), spec.train().targetLoss()),
                    spec.train().batchSize(), spec.probe(), probes, null).trainAll(spec.optimizers(), index, total, listener, out);
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
