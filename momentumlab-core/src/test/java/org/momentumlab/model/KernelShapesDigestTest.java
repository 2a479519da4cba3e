package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * The kernels give the bits they gave when the backward pass went block by block (the digest below
 * was recorded with that build): losses, gradients (full batch and mini-batches of 15, 100 and 777
 * examples, whose last run of blocks is partial) and outputs, both precisions, at small, moderate and
 * saturating weights, on shapes with 1–7 neurons, 3–11 patches, 5–30 coordinates and 301–4099
 * examples (partial blocks, chunks and runs), on 1 and 3 threads.
 */
class KernelShapesDigestTest {
    static final String RECORDED = "d981886403fd91b062444a23b864c381c55b085327c661da10a42dcd1a3c1e3c";

    static String digest(int threads) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[][] shapes = {{5, 5, 30, 4099}, {7, 5, 9, 301}, {4, 7, 9, 1000}, {1, 10, 9, 301}, {6, 11, 13, 777},
                {3, 4, 9, 301}, {2, 3, 5, 3000}}; // m, P, d, N
        Random rnd = new Random(7);
        try (ComputePool pool = new ComputePool(threads)) {
            for (int[] shape : shapes) {
                int m = shape[0];
                int n = shape[3];
                PatchDataSpec spec = new PatchDataSpec(n, 1, shape[1], shape[2], 3.0, 0.3, 0.2, 1.3, PatchDataSpec.FeatureDirection.BASIS);
                PatchDataset data = PatchDataGenerator.generate(spec, 5).train();
                for (Precision pr : Precision.values()) {
                    CubicCnn f = new CubicCnn(data, m, 0, pr, pool);
                    for (double scale : new double[] {0.02, 0.4, 2.0}) {
                        double[] w = CubicCnn.initialWeights(f.dimension(), scale, 3);
                        double[] g = new double[w.length];
                        NoFmaPathTest.update(md, f.valueAndGradient(w, g));
                        NoFmaPathTest.update(md, g);
                        for (int bs : new int[] {15, 100, 777}) {
                            int[] batch = new int[bs];
                            for (int i = 0; i < bs; i++) {
                                batch[i] = rnd.nextInt(n);
                            }
                            NoFmaPathTest.update(md, f.valueAndGradient(w, g, batch, 0, bs));
                            NoFmaPathTest.update(md, g);
                        }
                        double[] out = new double[data.size()];
                        f.outputs(w, out);
                        NoFmaPathTest.update(md, out);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void bitsAreThoseRecorded(int threads) throws Exception {
        assertEquals(RECORDED, digest(threads));
    }
}
