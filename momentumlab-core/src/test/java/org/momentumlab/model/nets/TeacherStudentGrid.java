package org.momentumlab.model.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.momentumlab.model.Objective;
import org.momentumlab.optim.Optimizer;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.ProbeSchedule;
import org.momentumlab.train.StopRule;
import org.momentumlab.train.Trainer;
import org.momentumlab.train.TrainingListener;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.Seeds;

/**
 * A sanity run of Table 1 (not a unit test: it prints and takes about a minute): every teacher ×
 * student × {GD, GD+M (EMA, γ = 0.9)} × seed, full batch, default sizes, trained until zero
 * training error or {@code epochs} epochs, through {@link Trainer}. Each run uses one compute
 * thread; {@code parallel} runs go at once.
 *
 * <p>Run: {@code java -cp momentumlab-core/target/classes:momentumlab-core/target/test-classes
 * [-Dlr=1-mlp:0.5,...] [-Dscale=1-cnn:0.5,...] [-Dteachers=linear,...] [-Dstudents=...] [-Dseeds=3] [-Depochs=1000] [-Dparallel=2] [-Dlambda=0]
 * org.momentumlab.model.nets.TeacherStudentGrid}
 */
public final class TeacherStudentGrid {
    private TeacherStudentGrid() {
    }

    /**
     * Suggested learning rates per student, for GD and GD+M alike (default sizes, He init, λ = 0):
     * the largest of {0.2, 0.25, 0.5, 1, 2} at which every teacher's labels are fitted within 1000
     * epochs by both optimizers on every seed and GD stays stable (larger steps make GD oscillate on
     * the CNN students, whose ReLU features share a large mean, while the EMA form of GD+M still
     * fits, which would separate the two for a reason unrelated to the paper's claim).
     */
    static double defaultLr(Architecture student) {
        return switch (student) {
            case LINEAR, MLP1, MLP2 -> 1.0;
            case CNN1 -> 0.5;
            case CNN2 -> 0.25;
        };
    }

    record Run(Architecture teacher, Architecture student, String optimizer, int seed, long epochs, boolean fitted,
               double testAcc, double seconds) {
    }

    /** Returns the training objective's loss, or 0 once the training error is 0 (the trainer's stop rule). */
    record StopAtZeroError(NetworkObjective f) implements Objective {
        @Override
        public int dimension() {
            return f.dimension();
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
            double loss = f.valueAndGradient(x, grad);
            return f.lastMisclassified() == 0 ? 0.0 : loss;
        }
    }

    public static void main(String[] args) throws Exception {
        int seeds = Integer.getInteger("seeds", 3);
        int epochs = Integer.getInteger("epochs", 1000);
        int parallel = Integer.getInteger("parallel", 2);
        double lambda = Double.parseDouble(System.getProperty("lambda", "0"));
        double gamma = Double.parseDouble(System.getProperty("gamma", "0.9"));
        double[] lrs = new double[Architecture.values().length];
        double[] scales = new double[Architecture.values().length];
        for (Architecture a : Architecture.values()) {
            lrs[a.ordinal()] = defaultLr(a);
            scales[a.ordinal()] = ArchSpec.defaults(a).initScale();
        }
        perArch(System.getProperty("lr", ""), lrs);
        perArch(System.getProperty("scale", ""), scales);
        List<Architecture> teachers = parseList(System.getProperty("teachers"), List.of(Architecture.values()));
        List<Architecture> students = parseList(System.getProperty("students"),
                List.of(Architecture.MLP1, Architecture.MLP2, Architecture.CNN1, Architecture.CNN2));
        ExecutorService exec = Executors.newFixedThreadPool(parallel);
        List<Future<Run>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (Architecture teacher : teachers) {
            for (int seed = 0; seed < seeds; seed++) {
                TeacherStudentData data = GaussianTeacherData.generate(ArchSpec.defaults(teacher), seed);
                for (Architecture student : students) {
                    for (String opt : new String[] {"gd", "gdm"}) {
                        int s = seed;
                        double lr = lrs[student.ordinal()];
                        ArchSpec spec = ArchSpec.defaults(student).withInitScale(scales[student.ordinal()]);
                        futures.add(exec.submit(() -> run(data, teacher, spec, opt, lr, gamma, lambda, epochs, s)));
                    }
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (Future<Run> f : futures) {
            runs.add(f.get());
        }
        exec.shutdown();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-7s %-6s %5s | %8s %8s | %7s %7s | %5s %5s | %6s %6s%n", "teacher", "student", "lr",
                "epochsGD", "epochsM", "testGD", "testM", "fitGD", "fitM", "secGD", "secM");
        double total = 0;
        for (Architecture teacher : teachers) {
            for (Architecture student : students) {
                double[] ep = new double[2];
                double[] acc = new double[2];
                double[] sec = new double[2];
                int[] fit = new int[2];
                for (Run r : runs) {
                    if (r.teacher == teacher && r.student == student) {
                        int o = r.optimizer.equals("gd") ? 0 : 1;
                        ep[o] += r.epochs / (double) seeds;
                        acc[o] += 100 * r.testAcc / seeds;
                        sec[o] += r.seconds / seeds;
                        fit[o] += r.fitted ? 1 : 0;
                        total += r.seconds;
                    }
                }
                System.out.printf(Locale.ROOT, "%-7s %-6s %5.2f | %8.0f %8.0f | %7.2f %7.2f | %3d/%d %3d/%d | %6.3f %6.3f%n",
                        teacher.id(), student.id(), lrs[student.ordinal()], ep[0], ep[1], acc[0], acc[1], fit[0], seeds,
                        fit[1], seeds, sec[0], sec[1]);
            }
        }
        System.out.printf(Locale.ROOT, "%d runs: wall %.1f s with %d in parallel; %.1f s summed over runs%n", runs.size(), wall,
                parallel, total);
    }

    static Run run(TeacherStudentData data, Architecture teacher, ArchSpec student, String opt, double lr, double gamma,
                   double lambda, int epochs, int seed) {
        long t0 = System.nanoTime();
        Network net = new Network("student", student, data.d());
        try (ComputePool pool = new ComputePool(1)) {
            NetworkObjective train = new NetworkObjective(net, data.trainX(), data.trainY(), lambda, pool);
            NetworkObjective test = new NetworkObjective(net, data.testX(), data.testY(), lambda, pool);
            double[] theta = new double[net.parameterCount()];
            net.initialize(theta, Seeds.stream(seed, "student/init"));
            Optimizer optimizer = opt.equals("gd") ? Optimizers.gd(Schedule.constant(lr))
                    : Optimizers.gdMomentum(Schedule.constant(lr), gamma);
            Trainer trainer = new Trainer(new StopAtZeroError(train), null, optimizer, new StopRule(epochs, Double.MIN_VALUE),
                    ProbeSchedule.every(0), List.of());
            TrainingResult result = trainer.run(theta, new MetricTable(), TrainingListener.NONE);
            boolean fitted = train.misclassified(theta) == 0;
            double acc = test.accuracy(theta);
            return new Run(teacher, student.arch(), opt, seed, result.steps(), fitted, acc, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Parses "1-mlp:0.5,2-cnn:0.25" into {@code values} by architecture. */
    private static void perArch(String spec, double[] values) {
        for (String kv : spec.split(",")) {
            if (!kv.isBlank()) {
                String[] p = kv.split(":");
                values[Architecture.parse("arch", p[0]).ordinal()] = Double.parseDouble(p[1]);
            }
        }
    }

    private static List<Architecture> parseList(String s, List<Architecture> dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        List<Architecture> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Architecture.parse("list", p));
        }
        return out;
    }
}
