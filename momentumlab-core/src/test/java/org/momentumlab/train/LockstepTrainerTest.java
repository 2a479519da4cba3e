package org.momentumlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Precision;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.ConstantSchedule;
import org.momentumlab.probe.ClassificationProbe;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.Seeds;

/** Optimizers trained in lockstep (shared passes over the data) get exactly what separate trainers give. */
class LockstepTrainerTest {

    static List<Optimizer> optimizers() {
        return List.of(Optimizers.gd(new ConstantSchedule(0.5)), Optimizers.gdMomentum(new ConstantSchedule(0.5), 0.9),
                Optimizers.sutskeverNesterov(new ConstantSchedule(0.05), 0.9), Optimizers.gd(new ConstantSchedule(4000.0)),
                Optimizers.heavyBall(new ConstantSchedule(0.2), 0.8));
    }

    @Test
    void lockstepEqualsSeparateRunsFullBatchAndMiniBatch() {
        PatchDataSpec spec = new PatchDataSpec(700, 200, 3, 8, 3.0, 0.5, 0.2, 1.0, PatchDataSpec.FeatureDirection.RANDOM);
        PatchDataGenerator.Split data = PatchDataGenerator.generate(spec, 3);
        try (ComputePool pool = new ComputePool(2)) {
            CubicCnn train = new CubicCnn(data.train(), 4, 0.001, Precision.FLOAT64, pool);
            CubicCnn test = new CubicCnn(data.test(), 4, 0, Precision.FLOAT64, pool);
            double[] w0 = CubicCnn.initialWeights(train.dimension(), 0.1, 3);
            for (int batch : new int[] {0, 64}) {
                for (StopRule stop : List.of(StopRule.steps(120), new StopRule(300, 0.2))) {
                    List<MetricTable> separate = new ArrayList<>();
                    List<TrainingResult> separateResults = new ArrayList<>();
                    List<double[]> separateEnds = new ArrayList<>();
                    List<long[]> separateSteps = new ArrayList<>();
                    for (Optimizer o : optimizers()) {
                        MetricTable m = new MetricTable();
                        double[] w = w0.clone();
                        List<Long> steps = new ArrayList<>();
                        Trainer t = new Trainer(train, plan(train, batch), o, stop, ProbeSchedule.every(10), probes(train, test));
                        separateResults.add(t.run(w, m, (s, max, loss) -> steps.add(s)));
                        separate.add(m);
                        separateEnds.add(w);
                        separateSteps.add(steps.stream().mapToLong(Long::longValue).toArray());
                    }
                    List<LockstepTrainer.Member> members = new ArrayList<>();
                    List<List<Long>> steps = new ArrayList<>();
                    double[][] params = new double[optimizers().size()][];
                    for (Optimizer o : optimizers()) {
                        List<Long> s = new ArrayList<>();
                        steps.add(s);
                        members.add(new LockstepTrainer.Member(o, probes(train, test), new MetricTable(), (st, max, loss) -> s.add(st)));
                        params[members.size() - 1] = w0.clone();
                    }
                    TrainingResult[] results = new LockstepTrainer(train, plan(train, batch), stop, ProbeSchedule.every(10), null).run(params, members);
                    for (int i = 0; i < results.length; i++) {
                        String what = "batch " + batch + ", " + stop + ", optimizer " + i;
                        assertEquals(separateResults.get(i), results[i], what);
                        assertArrayEquals(separateEnds.get(i), params[i], 0.0, what);
                        assertArrayEquals(separateSteps.get(i), steps.get(i).stream().mapToLong(Long::longValue).toArray(), what);
                        MetricTable a = separate.get(i);
                        MetricTable b = members.get(i).metrics();
                        assertArrayEquals(a.steps(), b.steps(), what);
                        assertEquals(a.metrics(), b.metrics(), what);
                        for (String m : a.metrics()) {
                            assertArrayEquals(a.column(m), b.column(m), 0.0, what + " " + m);
                        }
                    }
                    assertTrue(results[3].diverged(), "the huge learning rate diverges and leaves the lockstep");
                }
            }
        }
    }

    static BatchPlan plan(CubicCnn f, int batch) {
        return batch == 0 ? null : new BatchPlan(f.exampleCount(), batch, Seeds.stream(3, "train/batches"));
    }

    static List<Probe> probes(CubicCnn train, CubicCnn test) {
        return List.of(new ClassificationProbe(train, test));
    }
}
