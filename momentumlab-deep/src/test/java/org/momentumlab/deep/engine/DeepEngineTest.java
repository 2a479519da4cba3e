package org.momentumlab.deep.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.SpecException;

/** The engine starts offline from the jar's natives, computes exact float64 gradients and Hessian-vector products. */
class DeepEngineTest {

    @Test
    void startsOfflineWithTheNativesOfTheJar() {
        Engine e = DeepEngine.get();
        assertEquals("PyTorch", e.getEngineName());
        assertEquals("2.7.1", e.getVersion());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals(Device.cpu(), DeepEngine.device("cpu"));
        SpecException bad = assertThrows(SpecException.class, () -> DeepEngine.device("tpu"));
        assertEquals("device tpu is not a device: use cpu or gpu", bad.getMessage());
    }

    /** f(x) = Σ x³: ∇f = 3x², and a second backward through the first gives H·v = 6 x ⊙ v exactly. */
    @Test
    void gradientAndHessianVectorProductInFloat64() {
        Engine e = DeepEngine.get();
        double[] x0 = {0.5, -1.25, 2.0, 3.0};
        double[] v0 = {1.0, 0.5, -2.0, 0.25};
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), e.getEngineName())) {
            NDArray x = m.create(x0);
            x.setRequiresGradient(true);
            try (GradientCollector gc = e.newGradientCollector()) {
                NDArray f = x.pow(3).sum();
                gc.backward(f);
            }
            double[] g = x.getGradient().toDoubleArray();
            for (int i = 0; i < x0.length; i++) {
                assertEquals(3 * x0[i] * x0[i], g[i], 0.0);
            }
            // H v: d/dx <grad f(x), v> with the first gradient's graph kept
            NDArray y = m.create(x0);
            y.setRequiresGradient(true);
            NDArray v = m.create(v0);
            NDArray gy;
            try (GradientCollector gc = e.newGradientCollector()) {
                NDArray f = y.pow(3).sum();
                NDArray ones = m.ones(f.getShape(), f.getDataType());
                JniUtils.backward((PtNDArray) f, (PtNDArray) ones, true, true);
                gy = y.getGradient().duplicate();
                NDArray inner = y.getGradient().mul(v).sum();
                y.getGradient().subi(y.getGradient()); // reset the accumulated gradient before the second pass
                JniUtils.backward((PtNDArray) inner, (PtNDArray) m.ones(inner.getShape(), inner.getDataType()), false, false);
            }
            double[] hv = y.getGradient().toDoubleArray();
            double[] expected = new double[x0.length];
            for (int i = 0; i < x0.length; i++) {
                expected[i] = 6 * x0[i] * v0[i];
            }
            assertArrayEquals(expected, hv, 0.0);
            assertTrue(gy.getShape().size() == 4);
        }
    }
}
