package org.momentumlab.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.deep.engine.DeepEngine;

/** The CIFAR networks: parameter counts against the published ones, and a forward/backward pass on a CIFAR-shaped batch. */
class CifarNetTest {

    @Test
    void parameterCountsMatchThePublishedOnes() {
        // with batch normalisation, 10 classes: ResNet-18 11,173,962 and VGG-19 (one linear read-out) 20,040,522, the
        // published counts of the common CIFAR implementations; WRN-16-8 10,961,370, the count of the reference
        // PyTorch implementation (pre-activation blocks, 1x1 projection shortcuts), built and counted with torch
        assertEquals(11_173_962, new CifarNet(CifarNet.Arch.RESNET18, true, 10).parameterCount());
        assertEquals(10_961_370, new CifarNet(CifarNet.Arch.WRN16_8, true, 10).parameterCount());
        // the published VGG-19 count keeps a bias in every convolution before its normalisation (redundant there:
        // β absorbs it); here a convolution has a bias only without normalisation, so 5 504 fewer
        assertEquals(20_040_522 - 5_504, new CifarNet(CifarNet.Arch.VGG19, true, 10).parameterCount());
        // without: each normalised channel loses its γ and β and its convolution gains a bias; ResNet-18 normalises
        // 4 800 channels (64 + 4·64 + 5·128 + 5·256 + 5·512), VGG-19 5 504 (2·64 + 2·128 + 4·256 + 8·512)
        assertEquals(11_173_962 - 4_800, new CifarNet(CifarNet.Arch.RESNET18, false, 10).parameterCount());
        assertEquals(20_040_522 - 2 * 5_504, new CifarNet(CifarNet.Arch.VGG19, false, 10).parameterCount());
    }

    /** The narrow copies: every channel count divided, on grey images, counted layer by layer. */
    @Test
    void narrowCopiesOnGreyImages() {
        // ResNet-18 / 8 on one channel, no normalisation: widths 8-16-32-64, each convolution with its bias
        long stem = 8 * 9 + 8;
        long stage1 = 4 * (8 * 8 * 9 + 8);
        long stage2 = (16 * 8 * 9 + 16) + 3 * (16 * 16 * 9 + 16) + (16 * 8 + 16);
        long stage3 = (32 * 16 * 9 + 32) + 3 * (32 * 32 * 9 + 32) + (32 * 16 + 32);
        long stage4 = (64 * 32 * 9 + 64) + 3 * (64 * 64 * 9 + 64) + (64 * 32 + 64);
        assertEquals(stem + stage1 + stage2 + stage3 + stage4 + 64 * 10 + 10,
                new CifarNet(CifarNet.Arch.RESNET18, false, 1, 10, 8).parameterCount());
        assertEquals(new CifarNet(CifarNet.Arch.RESNET18, true, 10).parameterCount(),
                new CifarNet(CifarNet.Arch.RESNET18, true, 3, 10, 1).parameterCount());
        var engine = DeepEngine.get();
        CifarNet net = new CifarNet(CifarNet.Arch.RESNET18, true, 1, 10, 16);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), engine.getEngineName());
             FlatParameters p = new FlatParameters(m, net.parameterShapes(), DataType.FLOAT64)) {
            net.createBuffers(m, DataType.FLOAT64);
            double[] theta = new double[p.size()];
            net.initialize(theta, new SplittableRandom(1));
            p.write(theta);
            NDArray y = net.forward(p.arrays(), m.randomNormal(0, 1, new Shape(3, 1, 28, 28), DataType.FLOAT64));
            assertEquals(new Shape(3, 10), y.getShape()); // global average pooling: any image size
        }
    }

    @Test
    void forwardAndBackwardOnACifarBatch() {
        var engine = DeepEngine.get();
        for (CifarNet.Arch arch : CifarNet.Arch.values()) {
            for (boolean bn : new boolean[] {false, true}) {
                CifarNet net = new CifarNet(arch, bn, 10);
                try (NDManager m = NDManager.newBaseManager(Device.cpu(), engine.getEngineName());
                     FlatParameters p = new FlatParameters(m, net.parameterShapes(), DataType.FLOAT32)) {
                    net.buffers(m);
                    double[] theta = new double[p.size()];
                    net.initialize(theta, new SplittableRandom(1));
                    p.write(theta);
                    NDArray x = m.randomNormal(0, 1, new Shape(4, 3, 32, 32), DataType.FLOAT32);
                    NDArray y;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        y = net.forward(p.arrays(), x);
                        gc.backward(y.logSoftmax(1).get(":, 0").neg().mean());
                    }
                    assertEquals(new Shape(4, 10), y.getShape(), arch + " bn=" + bn);
                    double[] g = new double[p.size()];
                    p.readGradients(g);
                    double norm = 0;
                    for (double v : g) {
                        norm += v * v;
                    }
                    assertTrue(Double.isFinite(norm) && norm > 0, arch + " bn=" + bn + ": gradient norm² " + norm);
                }
            }
        }
    }
}
