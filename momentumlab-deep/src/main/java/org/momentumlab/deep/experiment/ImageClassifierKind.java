package org.momentumlab.deep.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.momentumlab.deep.data.CifarFiles;
import org.momentumlab.deep.data.Degradation;
import org.momentumlab.deep.data.IdxFiles;
import org.momentumlab.deep.data.ImageSet;
import org.momentumlab.deep.engine.DeepEngine;
import org.momentumlab.deep.train.CifarNet;
import org.momentumlab.deep.train.DeepNetwork;
import org.momentumlab.deep.train.ImageObjective;
import org.momentumlab.deep.train.SmallCnn;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.OptimizerSpec;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.SeedRuns;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.optim.Stepper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.OptimizerNoiseProbe;
import org.momentumlab.probe.ProbeContext;
import org.momentumlab.train.BatchPlan;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.Seeds;

/**
 * Kind {@code image-classifier}: a small CNN on real images (Fashion-MNIST, MNIST, CIFAR-10/100) on
 * the engine, trained by the project's own optimizers over the flat θ (presets
 * {@code fashion-mnist-sgdm} and {@code fashion-mnist-quick}). The engine's intra-op threads are the
 * spec's {@code train.engine_threads}, not the run's thread count, so the same spec and seed give the
 * same bits whatever {@code --threads} says.
 */
public final class ImageClassifierKind extends KindBase<ImageClassifierSpec> {

    public ImageClassifierKind() {
        super("image-classifier", ImageClassifierSpec.class, ImageClassifierSpec.DEFAULTS, List.of("fashion-mnist-sgdm", "fashion-mnist-quick", "fashion-momentum", "fashion-small-margin", "fashion-batch-norm", "fashion-ghosh", "fashion-noise", "cifar-momentum", "cifar-small-margin", "cifar-batch-norm", "cifar-ghosh"), false);
    }

    @Override
    public void check(Spec<ImageClassifierSpec> spec) {
        SeedRuns.requireOptimizers(spec.body().optimizers());

        ImageClassifierSpec.DataSet set = spec.body().data().set();
        boolean grey = set == ImageClassifierSpec.DataSet.FASHION_MNIST || set == ImageClassifierSpec.DataSet.MNIST;
        if (spec.body().model().arch() == ImageClassifierSpec.Arch.VGG19 && grey) {
            throw new SpecException("model.arch = vgg19 needs 32x32 images (five 2x2 poolings down to 1x1): use cifar10 or cifar100, or resnet18");
        }
        for (String o : spec.body().train().batchSizes().keySet()) {
            if (!spec.body().optimizers().containsKey(o)) {
                throw new SpecException("train.batch_sizes." + o + ": there is no optimizer " + o + " (optimizers: "
                        + String.join(", ", spec.body().optimizers().keySet()) + ")");
            }
        }
        for (String o : spec.body().optimizers().keySet()) {
            if (spec.body().data().augment() && spec.body().train().batchSizeOf(o) == 0) {
                throw new SpecException("data.augment needs mini-batches (it draws per batch): give train.batch_size > 0"
                        + (spec.body().train().batchSizes().containsKey(o) ? " (train.batch_sizes." + o + " is 0)" : ""));
            }
        }
    }

    @Override
    public void checkMachine(Spec<ImageClassifierSpec> spec) {
        if (spec.body().model().precision() == org.momentumlab.model.Precision.FLOAT32) {
            DeepEngine.checkFloat32();
        }
        if (spec.body().train().device() == ImageClassifierSpec.Device.GPU) {
            DeepEngine.device("gpu"); // one line if the natives have no CUDA or no GPU is visible
        }
        Path dir = dir(spec.body().data());
        List<String> needed = switch (spec.body().data().set()) {
            case FASHION_MNIST, MNIST -> IdxFiles.FILES;
            case CIFAR10 -> CifarFiles.CIFAR10;
            case CIFAR100 -> CifarFiles.CIFAR100;
        };
        if (!Files.isDirectory(dir)) {
            throw new SpecException("data.dir = " + dir + " does not exist" + (dir.equals(IdxFiles.FASHION_MNIST)
                    ? " (install Debian's dataset-fashion-mnist, or set data.dir to the directory of the IDX files)" : ""));
        }
        for (String f : needed) {
            boolean idx = !f.endsWith(".bin");
            if (!Files.isRegularFile(dir.resolve(f)) && !(idx && Files.isRegularFile(dir.resolve(f + ".gz")))) {
                throw new SpecException("data.dir = " + dir + " has no " + f + (idx ? "(.gz)" : "") + ": " + spec.body().data().set().name().toLowerCase(java.util.Locale.ROOT)
                        + " needs " + needed);
            }
        }
    }

    static Path dir(ImageClassifierSpec.Data d) {
        if (!d.dir().isEmpty()) {
            return Path.of(d.dir());
        }
        if (d.set() == ImageClassifierSpec.DataSet.FASHION_MNIST) {
            return IdxFiles.FASHION_MNIST;
        }
        throw new SpecException("data.dir is empty: give the directory of the " + d.set().name().toLowerCase(java.util.Locale.ROOT) + " files");
    }

    /**
     * One run at a time per process: the engine records gradients with one collector per process and
     * sets its thread count process-wide (a sweep runs this kind's tasks one after the other; each
     * uses train.engine_threads).
     */
    @Override
    public int maxParallelRuns() {
        return 1;
    }

    /** Serializes runs that reach {@link #run} from several threads anyway. */
    private static final Object ENGINE = new Object();

    @Override
    public RunPlan plan(Spec<ImageClassifierSpec> spec) {
        return RunPlan.of(spec.seeds(), spec.body().optimizers().size(), "optimizer", spec.body().train().epochs(), "epochs");
    }

    @Override
    public ResultLayout layout(Spec<ImageClassifierSpec> spec) {
        ImageClassifierSpec.Probe p = spec.body().probe();
        List<Column> columns = new java.util.ArrayList<>(List.of(Column.percent("test_acc", "test acc"), Column.percent("train_acc", "train acc (epoch)"),
                Column.number("test_loss", "test loss"), Column.number("train_loss", "train loss (epoch)")));
        List<Panel> panels = new java.util.ArrayList<>(List.of(Panel.overSteps("test_acc", "Test accuracy", "test_acc", "accuracy", false),
                Panel.overSteps("train_loss", "Training loss (mean over the epoch's mini-batches)", "train_loss", "loss (log scale)", true),
                Panel.overSteps("test_loss", "Test loss", "test_loss", "loss (log scale)", true),
                Panel.overSteps("train_acc", "Training accuracy (over the epoch)", "train_acc", "accuracy", false),
                Panel.overSteps("batch_grad_norm", "Mini-batch gradient norm (mean over the epoch)", "batch_grad_norm", "norm (log scale)", true)));
        if (spec.body().data().degrade().active()) { // Jelassi & Li's Figure 4 table: all, degraded subset, their ratio
            columns.add(1, Column.percent("test_acc_degraded", "test acc (degraded)"));
            columns.add(2, Column.number("degraded_ratio", "degraded/all"));
            panels.add(1, Panel.overSteps("test_acc_degraded", "Test accuracy on the degraded (small-margin) images", "test_acc_degraded", "accuracy", false));
        }
        if (p.noise()) {
            columns.add(Column.number("noise_level_tail", "noise (mean, 2nd half)"));
            columns.add(Column.number("smoothing", "smoothing delta"));
            panels.add(Panel.overSteps("noise_level", "Optimizer noise ‖mₜ − ∇f(θₜ)‖ (last step of the epoch, before its update)",
                    "noise_level", "noise (log scale)", true));
        }
        columns.add(Column.percent("test_acc_variation", "test acc variation (std, last " + p.variationRows() + " rows)"));
        if (spec.body().optimizers().values().stream().anyMatch(o -> !o.schedule().constant())) {
            panels.add(Panel.overSteps("lr", "Learning rate (at each epoch's first step)", "lr", "learning rate", false));
        }
        if (p.fullGradient()) {
            columns.add(Column.number("full_grad_norm", "full-data grad norm"));
            panels.add(Panel.overSteps("full_grad_norm", "Full-data gradient norm ‖∇f(θ)‖", "full_grad_norm", "norm (log scale)", true));
        }
        if (p.sharpnessEveryEpochs() > 0) {
            columns.add(Column.number("sharpness", "sharpness"));
            panels.add(Panel.overSteps("sharpness", "Sharpness (top Hessian eigenvalue, Lanczos on a training subset)", "sharpness", "eigenvalue", false));
        }
        return new ResultLayout(List.of("optimizer"), columns, panels, "curves");
    }

    @Override
    public void run(Spec<ImageClassifierSpec> spec, RunContext context) {
        synchronized (ENGINE) {
            runAlone(spec, context);
        }
    }

    private void runAlone(Spec<ImageClassifierSpec> spec, RunContext context) {
        ImageClassifierSpec s = spec.body();
        DeepEngine.get();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(s.train().engineThreads());
        ImageSet train = read(s.data(), true);
        ImageSet test = read(s.data(), false);
        ImageClassifierSpec.Model mo = s.model();
        DeepNetwork net = mo.arch() == ImageClassifierSpec.Arch.SMALL_CNN
                ? new SmallCnn(train.channels(), train.height(), train.width(), train.classes(), mo.channels1(), mo.channels2(), mo.hidden())
                : new CifarNet(CifarNet.Arch.valueOf(mo.arch().name()), mo.batchNorm(), train.channels(), train.classes(), mo.widthDivisor());
        for (long seed : spec.seeds()) {
            ImageSet trS = s.data().trainSubset() > 0 ? train.subset(Math.min(s.data().trainSubset(), train.size()), Seeds.mix(seed, "data/train_subset")) : train;
            ImageSet teS = s.data().testSubset() > 0 ? test.subset(Math.min(s.data().testSubset(), test.size()), Seeds.mix(seed, "data/test_subset")) : test;
            Degradation.Marked tr = s.data().degrade().apply(trS, Seeds.mix(seed, "data/degrade_train"));
            Degradation.Marked te = s.data().degrade().apply(teS, Seeds.mix(seed, "data/degrade_test"));
            double[][] stats = tr.images().channelStats();
            ai.djl.Device device = DeepEngine.device(s.train().device().name().toLowerCase(java.util.Locale.ROOT));
            ai.djl.ndarray.types.DataType type = s.model().precision() == org.momentumlab.model.Precision.FLOAT32
                    ? ai.djl.ndarray.types.DataType.FLOAT32 : ai.djl.ndarray.types.DataType.FLOAT64;
            try (ImageObjective objective = new ImageObjective(net, s.train().evalBatch(), device, type)) {
                ImageObjective.Images trI = context.times().time("data", () -> objective.load(tr, stats[0], stats[1]));
                ImageObjective.Images teI = context.times().time("data", () -> objective.load(te, stats[0], stats[1]));
                double[] theta0 = new double[objective.dimension()];
                net.initialize(theta0, Seeds.stream(seed, "model/init"));
                for (Map.Entry<String, OptimizerSpec> e : s.optimizers().entrySet()) {
                    train(s, e, seed, objective, trI, teI, theta0, context);
                }
            }
        }
    }

    private static void train(ImageClassifierSpec s, Map.Entry<String, OptimizerSpec> e, long seed, ImageObjective objective,
                              ImageObjective.Images trI, ImageObjective.Images teI, double[] theta0, RunContext context) {
        int n = trI.size();
        int batch = s.train().batchSizeOf(e.getKey());
        boolean fullBatch = batch == 0 || batch >= n;
        BatchPlan plan = fullBatch ? null : new BatchPlan(n, batch, Seeds.stream(seed, "train/batches"));
        long perEpoch = fullBatch ? 1 : plan.stepsPerEpoch();
        long total = perEpoch * s.train().epochs();
        RunLabel label = SeedRuns.label(e.getKey());
        RunContext.Recorder run = context.start(label, seed, total);
        run.stepsPerEpoch(perEpoch);
        Stepper stepper = e.getValue().build(total).start(theta0.length);
        org.momentumlab.optim.Schedule lr = e.getValue().schedule().build(total);
        double[] theta = theta0.clone();
        double[] grad = new double[theta.length];
        Checkpoint saved = context.checkpoints().load(label, seed, in -> Checkpoint.read(in, theta, stepper));
        if (saved != null && saved.result() != null) {
            run.finish(saved.table(), saved.result());
            return;
        }
        objective.resetBuffers(); // every run starts from the initial running averages, as from theta0
        if (saved != null) {
            objective.buffers(saved.buffers());
        }
        Probes probes = new Probes(s.probe(), objective, trI, teI, seed, context, s.data().degrade().active());
        Noise noiseProbe = s.probe().noise() ? Noise.of(s, e, objective, trI, batch, total, seed) : null;
        long t0 = System.nanoTime(); // training time includes the probes, which the time split takes out again
        MetricTable m;
        long step = 0;
        double last = Double.NaN;
        int firstEpoch = 1;
        long epochStartStep = 0;
        if (saved != null) {
            m = saved.table();
            run.resume(m);
            if (noiseProbe != null) {
                noiseProbe.probe().resume(m, 1); // a row at the end of an epoch holds the probe of the epoch's last step
            }
            step = saved.step();
            last = saved.lastLoss();
            firstEpoch = saved.epoch() + 1;
            for (long k = 0; k < step && plan != null; k++) {
                plan.next(); // the batch order from the start: the same draws as the interrupted run's
            }
        } else {
            m = run.metrics();
            m.startRow(0);
            m.put("epoch", 0);
            probes.record(0, theta, m);
        }
        int every = s.train().checkpointEveryEpochs();
        for (int epoch = firstEpoch; epoch <= s.train().epochs(); epoch++) {
            double loss = 0;
            double correct = 0;
            double gradNorms = 0;
            MetricTable noise = null;
            epochStartStep = step;
            boolean probeEpoch = epoch % s.probe().everyEpochs() == 0 || epoch == s.train().epochs();
            for (long k = 0; k < perEpoch; k++) {
                double[] r;
                if (fullBatch) {
                    r = objective.fullGradient(stepper.evaluationPoint(theta), grad, trI, null);
                } else if (s.data().augment()) { // the draws of step t come from their own stream: a resumed run draws the same
                    int from = plan.next();
                    r = objective.augmentedStep(stepper.evaluationPoint(theta), grad, trI, plan.order(), from, plan.end(), s.data().augmentPad(),
                            Seeds.stream(Seeds.mix(seed, "train/augment"), Long.toString(step)));
                } else {
                    int from = plan.next();
                    r = objective.step(stepper.evaluationPoint(theta), grad, trI, plan.order(), from, plan.end());
                }
                if (!Double.isFinite(r[0])) {
                    context.times().add("training", System.nanoTime() - t0);
                    TrainingResult diverged = new TrainingResult(step, TrainingResult.StopReason.DIVERGED, step, last);
                    Checkpoint.finished(context, label, seed, m, diverged);
                    run.finish(diverged);
                    return;
                }
                if (noiseProbe != null && probeEpoch && k == perEpoch - 1) {
                    noise = noiseProbe.measure(objective, step, theta, grad, stepper, context);
                }
                last = r[0];
                loss += r[0];
                correct += r[1];
                gradNorms += norm(grad);
                stepper.step(theta, grad);
                step++;
                run.onStep(step, total, r[0]);
            }
            if (probeEpoch) {
                m.startRow(step);
                m.put("epoch", epoch);
                m.put("train_loss", loss / perEpoch);
                m.put("train_acc", correct / n);
                m.put("batch_grad_norm", gradNorms / perEpoch);
                m.put("lr", lr.at(epochStartStep)); // the epoch's first step's (schedules move within an epoch too)
                if (noise != null) {
                    for (String metric : noise.metrics()) {
                        m.put(metric, noise.get(metric, 0));
                    }
                }
                probes.record(epoch, theta, m);
            }
            if (every > 0 && epoch % every == 0 && epoch < s.train().epochs()) {
                long t1 = System.nanoTime();
                Checkpoint.save(context, label, seed, new Checkpoint(epoch, step, last, m, null, objective.buffers()), theta, stepper);
                context.times().add("checkpoints", System.nanoTime() - t1);
            }
        }
        context.times().add("training", System.nanoTime() - t0);
        m.put("test_acc_variation", variation(m, s.probe().variationRows()));
        TrainingResult result = new TrainingResult(step, TrainingResult.StopReason.MAX_STEPS, -1, last);
        Checkpoint.finished(context, label, seed, m, result);
        run.finish(result);
    }

    /**
     * Sato &amp; Iiduka's noise at θ_t before the update with {@code grad} (the core's probe): the search
     * direction against the full-data gradient at θ_t, and the variance estimate from fresh
     * mini-batches, all in evaluation mode (the running averages neither used from the batch nor
     * updated); neither θ nor the optimizer's state changes.
     */
    private record Noise(OptimizerNoiseProbe probe, ProbeContext context) {
        static Noise of(ImageClassifierSpec s, Map.Entry<String, OptimizerSpec> e, ImageObjective objective, ImageObjective.Images train, int batch,
                        long total, long seed) {
            int n = train.size();
            int b = batch == 0 ? n : Math.min(n, batch);
            OptimizerNoiseProbe probe = new OptimizerNoiseProbe(new OptimizerNoiseProbe.Options(total / 2,
                    (theta, g, idx, from, to) -> objective.step(theta, g, train, idx, from, to), n, b, s.probe().noiseDraws(),
                    t -> Seeds.stream(Seeds.mix(seed, "probe/noise_batches"), Long.toString(t)), e.getValue().smoothing(b),
                    s.probe().noiseAfterUpdate()));
            return new Noise(probe, new ProbeContext(objective.on(train, null)));
        }

        MetricTable measure(ImageObjective objective, long step, double[] theta, double[] grad, Stepper stepper, RunContext context) {
            long t0 = System.nanoTime();
            MetricTable out = new MetricTable();
            out.startRow(step);
            objective.training(false);
            try {
                this.context.reset(step, theta, stepper);
                this.context.stepGradient(grad);
                probe.observe(this.context, out);
            } finally {
                objective.training(true);
            }
            long dt = System.nanoTime() - t0;
            context.times().add("probes", dt);
            context.times().add("probe:noise", dt);
            return out;
        }
    }

    /** The sample std of test_acc over the last {@code k} rows after row 0 (NaN with fewer than two). */
    static double variation(MetricTable m, int k) {
        int from = Math.max(1, m.rows() - k);
        int n = m.rows() - from;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int r = from; r < m.rows(); r++) {
            mean += m.get("test_acc", r) / n;
        }
        double ss = 0;
        for (int r = from; r < m.rows(); r++) {
            double d = m.get("test_acc", r) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }

    /** Euclidean norm. */
    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** The measurements of a probe row at θ (before the next update): test loss and accuracy, and the optional ones. */
    private record Probes(ImageClassifierSpec.Probe spec, ImageObjective objective, ImageObjective.Images train,
                          ImageObjective.Images test, int[] sharpnessSubset, long seed, RunContext context, boolean degraded) {
        Probes(ImageClassifierSpec.Probe spec, ImageObjective objective, ImageObjective.Images train, ImageObjective.Images test, long seed,
               RunContext context, boolean degraded) {
            this(spec, objective, train, test, spec.sharpnessEveryEpochs() == 0 ? null
                    : subset(train.size(), spec.sharpnessImages(), Seeds.stream(seed, "probe/sharpness_images")), seed, context, degraded);
        }

        /** Records the probes at θ, in evaluation mode (the running averages of normalisations neither used from the batch nor updated). */
        void record(int epoch, double[] theta, MetricTable m) {
            double[] ev = time("test", () -> objective.evaluate(theta, test));
            m.put("test_loss", ev[0]);
            m.put("test_acc", ev[1]);
            if (degraded) {
                m.put("test_loss_degraded", ev[2]);
                m.put("test_acc_degraded", ev[3]);
                m.put("test_acc_clean", ev[4]);
                m.put("degraded_ratio", ev[3] / ev[1]);
            }
            objective.training(false);
            try {
                optional(epoch, theta, m);
            } finally {
                objective.training(true);
            }
        }

        private void optional(int epoch, double[] theta, MetricTable m) {
            if (spec.fullGradient()) {
                double[] g = new double[theta.length];
                double[] r = time("full_gradient", () -> objective.fullGradient(theta, g, train, null));
                m.put("full_loss", r[0]);
                m.put("full_grad_norm", norm(g));
            }
            if (sharpnessSubset != null && epoch % spec.sharpnessEveryEpochs() == 0) {
                org.momentumlab.flow.Sharpness lanczos = new org.momentumlab.flow.Sharpness(1e-6, spec.lanczosIterations(),
                        Seeds.mix(seed, "probe/sharpness_start"));
                m.put("sharpness", time("sharpness", () -> lanczos.top(objective.on(train, sharpnessSubset), theta).eigenvalue()));
            }
        }

        private <T> T time(String probe, java.util.function.Supplier<T> f) {
            long t0 = System.nanoTime();
            T out = f.get();
            long dt = System.nanoTime() - t0;
            context.times().add("probes", dt);
            context.times().add("probe:" + probe, dt);
            return out;
        }

        /** The first k of a seeded permutation of [0, n), in increasing order. */
        private static int[] subset(int n, int k, java.util.random.RandomGenerator rng) {
            int[] p = java.util.stream.IntStream.range(0, n).toArray();
            int take = Math.min(k, n);
            for (int i = 0; i < take; i++) {
                int j = i + rng.nextInt(n - i);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            int[] out = java.util.Arrays.copyOf(p, take);
            java.util.Arrays.sort(out);
            return out;
        }
    }

    static ImageSet read(ImageClassifierSpec.Data d, boolean train) {
        Path dir = dir(d);
        return switch (d.set()) {
            case FASHION_MNIST -> IdxFiles.read(dir, train, "Fashion-MNIST");
            case MNIST -> IdxFiles.read(dir, train, "MNIST");
            case CIFAR10 -> CifarFiles.cifar10(dir, train);
            case CIFAR100 -> CifarFiles.cifar100(dir, train);
        };
    }
}
