package org.momentumlab.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.momentumlab.deep.engine.DeepEngine;
import org.momentumlab.deep.train.CifarNet;
import org.momentumlab.deep.train.FlatParameters;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a CIFAR network on the engine, as the deep kinds run it: θ written to the
 * engine, forward on a batch of random 3×32×32 images (float32), cross-entropy, backward, the
 * gradients read back, and the project's torch-SGD update (lr 0.05, momentum 0.9) on the flat θ.
 * The peer is {@code momentumlab-bench/peer/resnet18_step_torch.py} (the same step in PyTorch).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class DeepStepBenchmark {
    @Param({"RESNET18"})
    public String arch;
    @Param({"128"})
    public int batch;
    @Param({"2"})
    public int threads;

    private NDManager manager;
    private FlatParameters params;
    private CifarNet net;
    private Engine engine;
    private NDArray x;
    private NDArray y;
    private double[] theta;
    private double[] grad;
    private Stepper stepper;

    @Setup(Level.Trial)
    public void setUp() {
        engine = DeepEngine.get();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName());
        net = new CifarNet(CifarNet.Arch.valueOf(arch), true, 10);
        net.buffers(manager);
        params = new FlatParameters(manager, net.parameterShapes(), DataType.FLOAT32);
        theta = new double[params.size()];
        grad = new double[params.size()];
        net.initialize(theta, new SplittableRandom(1));
        x = manager.randomNormal(0, 1, new Shape(batch, 3, 32, 32), DataType.FLOAT32);
        y = manager.randomInteger(0, 10, new Shape(batch), DataType.INT64);
        stepper = Optimizers.torchSgd(Schedule.constant(0.05), 0.9, 0, false, 0).start(theta.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public double step() {
        params.write(theta); // fresh arrays: no gradient yet
        double loss;
        try (NDManager sub = manager.newSubManager()) {
            for (NDArray p : params.arrays()) {
                p.tempAttach(sub);
            }
            x.tempAttach(sub);
            y.tempAttach(sub);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray l = net.forward(params.arrays(), x).logSoftmax(1).gather(y.reshape(-1, 1), 1).neg().mean();
                gc.backward(l);
                loss = l.getFloat();
            }
        }
        params.readGradients(grad);
        stepper.step(theta, grad);
        return loss;
    }
}
