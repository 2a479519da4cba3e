package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * The kernels give the same bits as the reference build along a real GD+M trajectory on Figure 3's
 * data (β = 0.2, μ = 0.01, σ = 1.3, σ0 = 0.02, η = 1, γ = 0.99), including the steps where almost
 * every example is fit with |y·f| &gt; 708 and its share of the gradient would be a subnormal number.
 * The digests were recorded with the kernels before the subnormal flush existed.
 */
class TrainedWeightsBitsTest {
    static ComputePool pool1;
    static ComputePool pool3;

    @BeforeAll
    static void pools() {
        pool1 = new ComputePool(1);
        pool3 = new ComputePool(3);
    }

    @AfterAll
    static void close() {
        pool1.close();
        pool3.close();
    }

    static PatchDataset data() {
        PatchDataSpec spec = new PatchDataSpec(2000, 1, 5, 30, PatchDataSpec.theoryAlpha(30), 0.2, 0.01, 1.3, PatchDataSpec.FeatureDirection.BASIS);
        return PatchDataGenerator.generate(spec, 0).train();
    }

    /** SHA-256 over the bits of loss and gradient of every call along the trajectory (full batch and a mini-batch of 300). */
    static String trajectoryDigest(Precision precision, ComputePool pool, int steps, int[] saturated) throws Exception {
        PatchDataset data = data();
        CubicCnn f = new CubicCnn(data, 5, 0, precision, pool);
        CubicCnn ref = new CubicCnn(data, 5, 0, Precision.FLOAT64, pool);
        double[] w = CubicCnn.initialWeights(f.dimension(), 0.02, 0);
        double[] g = new double[w.length];
        double[] buf = new double[w.length];
        int[] batch = new int[300];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (i * 7) % data.size();
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        for (int t = 0; t < steps; t++) {
            double loss = f.valueAndGradient(w, g);
            for (double v : List.of(loss)) {
                md.update(b.clear().putDouble(v).array());
            }
            for (double v : g) {
                md.update(b.clear().putDouble(v).array());
            }
            if (t % 25 == 0) {
                double[] gb = new double[w.length];
                md.update(b.clear().putDouble(f.valueAndGradient(w, gb, batch, 0, batch.length)).array());
                for (double v : gb) {
                    md.update(b.clear().putDouble(v).array());
                }
            }
            for (int q = 0; q < w.length; q++) {
                buf[q] = 0.99 * buf[q] + 0.01 * g[q];
                w[q] -= buf[q];
            }
        }
        assertEquals(0, f.exactRecomputes(), "the flushed kernel served the whole trajectory");
        double[] out = new double[data.size()];
        ref.outputs(w, out);
        for (int i = 0; i < out.length; i++) {
            if (data.label(i) * out[i] > 708) {
                saturated[0]++;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void float64AlongTrainingMatchesTheReferenceBitsOnAnyThreadCount() throws Exception {
        int[] sat = new int[1];
        String one = trajectoryDigest(Precision.FLOAT64, pool1, 300, sat);
        assertTrue(sat[0] > 1800, "the trajectory must reach the regime where most examples are saturated: " + sat[0]);
        assertEquals(one, trajectoryDigest(Precision.FLOAT64, pool3, 300, new int[1]));
        assertEquals(REFERENCE_F64, one);
    }

    @Test
    void float32AlongTrainingMatchesTheReferenceBits() throws Exception {
        String one = trajectoryDigest(Precision.FLOAT32, pool1, 300, new int[1]);
        assertEquals(one, trajectoryDigest(Precision.FLOAT32, pool3, 300, new int[1]));
        assertEquals(REFERENCE_F32, one);
    }

    /** At W = 0 every gradient entry is 0: the call is recomputed exactly (and gives 0). */
    @Test
    void aTinyGradientIsRecomputedWithoutFlushing() {
        PatchDataset data = data();
        for (Precision pr : Precision.values()) {
            CubicCnn f = new CubicCnn(data, 5, 0, pr, pool1);
            double[] g = new double[f.dimension()];
            f.valueAndGradient(new double[f.dimension()], g);
            assertEquals(1, f.exactRecomputes(), pr.name());
            for (double v : g) {
                assertEquals(0.0, v, 0);
            }
        }
    }

    static final String REFERENCE_F64 = "ed41af862bef5f2a9798a3b09d1362466239b86b63a11e1c31e67e5212a632cf";
    static final String REFERENCE_F32 = "1ce062081c2fcea84d0a477d4f60f8f1ef03d6c99357592be1b0659ccf332aec";
}
