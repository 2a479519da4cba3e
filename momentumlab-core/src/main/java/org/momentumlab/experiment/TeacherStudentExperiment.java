package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.model.nets.GaussianTeacherData;
import org.momentumlab.model.nets.Network;
import org.momentumlab.model.nets.NetworkObjective;
import org.momentumlab.model.nets.TeacherStudentData;
import org.momentumlab.probe.Probe;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopCondition;
import org.momentumlab.train.StopRule;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.Seeds;

/**
 * Runs a {@link TeacherStudentSpec}: per seed, a teacher (stream {@code teacher/init}), its data
 * ({@code data/train}, {@code data/test}) and one student W⁰ ({@code model/init}); every optimizer
 * trains the student from that same W⁰ (and, with mini-batches, the same batch order). Metrics:
 * {@code train_loss}, {@code train_acc}, {@code test_acc}, {@code epoch}.
 */
public final class TeacherStudentExperiment {
    private TeacherStudentExperiment() {
    }

    public static List<RunSeries> run(TeacherStudentSpec spec, ComputePool pool, ExperimentListener listener) {
        List<RunSeries> out = new ArrayList<>();
        int total = spec.seeds().size() * spec.optimizers().size();
        int index = 0;
        long perEpoch = spec.stepsPerEpoch();
        long steps = spec.epochs() * perEpoch;
        for (long seed : spec.seeds()) {
            TeacherStudentData data = GaussianTeacherData.generate(spec.teacher(), spec.d(), spec.trainSize(), spec.testSize(), seed);
            Network student = new Network("student", spec.student(), spec.d());
            NetworkObjective train = new NetworkObjective(student, data.trainX(), data.trainY(), spec.lambda(), pool);
            NetworkObjective test = new NetworkObjective(student, data.testX(), data.testY(), 0, pool);
            double[] w0 = new double[student.parameterCount()];
            student.initialize(w0, Seeds.stream(seed, "model/init"));
            Probe accuracy = (ctx, m) -> {
                m.put("epoch", (double) ctx.step() / perEpoch);
                m.put("train_acc", train.accuracy(ctx.params()));
                m.put("test_acc", test.accuracy(ctx.params()));
            };
            StopCondition zeroError = !spec.stopAtZeroError() ? null : new StopCondition() {
                @Override
                public boolean reached(double[] params) {
                    return train.misclassified(params) == 0;
                }

                @Override
                public long every() {
                    return perEpoch;
                }

                @Override
                public String name() {
                    return "zero_train_error";
                }
            };
            index = new SeedRuns(train, w0, seed, StopRule.steps(steps), spec.batchSize(),
                    ProbeSchedule.every(spec.probeEvery() * perEpoch), List.of(accuracy), zeroError)
                    .trainAll(spec.optimizers(), index, total, listener, out);
        }
        return out;
    }
}
