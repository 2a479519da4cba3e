package org.momentumlab.experiment.teacherstudent;

import java.util.List;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.model.nets.GaussianTeacherData;
import org.momentumlab.model.nets.Network;
import org.momentumlab.model.nets.NetworkObjective;
import org.momentumlab.model.nets.TeacherStudentData;
import org.momentumlab.probe.Probe;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopCondition;
import org.momentumlab.train.StopRule;
import org.momentumlab.util.Seeds;

/**
 * Kind {@code teacher-student}: per seed, a teacher (stream {@code teacher/init}), its data
 * ({@code data/train}, {@code data/test}) and one student W⁰ ({@code model/init}); every optimizer
 * trains the student from that same W⁰ (and, with mini-batches, the same batch order). Metrics:
 * {@code train_loss}, {@code train_acc}, {@code test_acc}, {@code epoch}.
 */
public final class TeacherStudentKind extends KindBase<TeacherStudentSpec> {

    public TeacherStudentKind() {
        super("teacher-student", TeacherStudentSpec.class, TeacherStudentSpec.DEFAULTS, List.of("teacher-student", "teacher-student-sgd", "optimizer-noise", "optimizer-noise-quick"), false);
    }

    @Override
    public void check(Spec<TeacherStudentSpec> spec) {
        SeedRuns.requireOptimizers(spec.body().optimizers());
    }

    @Override
    public RunPlan plan(Spec<TeacherStudentSpec> spec) {
        TeacherStudentSpec s = spec.body();
        return RunPlan.of(spec.seeds(), s.optimizers().size(), "optimizer", s.train().epochs() * s.stepsPerEpoch(), "steps");
    }

    @Override
    public ResultLayout layout(Spec<TeacherStudentSpec> spec) {
        List<Column> columns = new java.util.ArrayList<>(
                List.of(Column.percent("test_acc", "test acc"), Column.percent("train_acc", "train acc"), Column.number("epoch", "epochs")));
        List<Panel> panels = new java.util.ArrayList<>(List.of(Panel.overSteps("train_loss", "Training loss", "train_loss", "loss (log scale)", true),
                Panel.overSteps("train_acc", "Training accuracy", "train_acc", "accuracy", false),
                Panel.overSteps("test_acc", "Test accuracy", "test_acc", "accuracy", false)));
        if (spec.body().probe().noise()) {
            columns.add(Column.number("noise_level_tail", "noise (mean, 2nd half)"));
            columns.add(Column.number("smoothing", "smoothing delta"));
            panels.add(Panel.overSteps("noise_level", "Optimizer noise ‖mₜ − ∇f(θₜ)‖ (before the update)", "noise_level", "noise (log scale)", true));
        }
        return new ResultLayout(List.of("optimizer"), columns, panels, "curves");
    }

    @Override
    public void run(Spec<TeacherStudentSpec> spec, RunContext context) {
        TeacherStudentSpec s = spec.body();
        long perEpoch = s.stepsPerEpoch();
        long steps = s.train().epochs() * perEpoch;
        for (long seed : spec.seeds()) {
            TeacherStudentData data = context.times().time("data",
                    () -> GaussianTeacherData.generate(s.teacher(), s.data().d(), s.data().nTrain(), s.data().nTest(), seed));
            Network student = new Network("student", s.student(), s.data().d());
            NetworkObjective train = new NetworkObjective(student, data.trainX(), data.trainY(), s.model().lambda(), context.pool());
            NetworkObjective test = new NetworkObjective(student, data.testX(), data.testY(), 0, context.pool());
            double[] w0 = new double[student.parameterCount()];
            student.initialize(w0, Seeds.stream(seed, "model/init"));
            Probe accuracy = (ctx, m) -> {
                m.put("epoch", (double) ctx.step() / perEpoch);
                m.put("train_acc", train.accuracy(ctx.params()));
                m.put("test_acc", test.accuracy(ctx.params()));
            };
            StopCondition zeroError = !s.train().stopAtZeroError() ? null : new StopCondition() {
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
            new SeedRuns(train, w0, seed, StopRule.steps(steps), s.train().batchSize(),
                    ProbeSchedule.every(s.probe().everyEpochs() * perEpoch), List.of(accuracy), zeroError,
                    o -> !s.probe().noise() ? List.of()
                            : List.of(SeedRuns.noiseProbe(o, train, s.train().batchSize(), steps, seed, s.probe().noiseDraws(), s.probe().noiseAfterUpdate())))
                    .trainAll(s.optimizers(), context);
        }
    }
}
