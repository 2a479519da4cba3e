package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/** Several weight sets in one pass over the data give each set exactly the bits of its own call. */
class SharedPassTest {

    @Test
    void everySetHasTheBitsOfItsOwnCall() {
        PatchDataset data = TrainedWeightsBitsTest.data();
        int[] batch = new int[333];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (i * 11) % data.size();
        }
        for (Precision pr : Precision.values()) {
            for (int threads : new int[] {1, 3}) {
                try (ComputePool pool = new ComputePool(threads)) {
                    CubicCnn f = new CubicCnn(data, 5, 0.01, pr, pool);
                    for (int k : new int[] {1, 2, 4, 6}) {
                        double[][] ws = new double[k][];
                        double[][] grads = new double[k][f.dimension()];
                        double[] values = new double[k];
                        for (int i = 0; i < k; i++) {
                            ws[i] = CubicCnn.initialWeights(f.dimension(), 0.05 * (i + 1), i);
                        }
                        f.valuesAndGradients(ws, grads, values, k);
                        for (int i = 0; i < k; i++) {
                            double[] g = new double[f.dimension()];
                            assertEquals(f.valueAndGradient(ws[i], g), values[i], 0.0, pr + " k=" + k + " set " + i);
                            assertArrayEquals(g, grads[i], 0.0, pr + " k=" + k + " set " + i);
                        }
                        f.valuesAndGradients(ws, grads, values, k, batch, 7, 300);
                        for (int i = 0; i < k; i++) {
                            double[] g = new double[f.dimension()];
                            assertEquals(f.valueAndGradient(ws[i], g, batch, 7, 300), values[i], 0.0, pr + " batch k=" + k);
                            assertArrayEquals(g, grads[i], 0.0, pr + " batch k=" + k + " set " + i);
                        }
                    }
                }
            }
        }
    }
}
