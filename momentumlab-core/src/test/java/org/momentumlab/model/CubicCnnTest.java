package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;
import org.momentumlab.util.GaussianSource;

class CubicCnnTest {
    /** Kernel vs reference, float64: only the summation order differs. */
    static final double TEST_F64 = 1e-12;
    /** Kernel vs reference, float32 data and inner sums. */
    static final double TEST_F32 = 1e-4;
    /** Analytic derivatives vs central finite differences. */
    static final double TEST_FD = 1e-6;

    static ComputePool pool1;
    static ComputePool pool2;
    static ComputePool pool4;

    @BeforeAll
    static void startPools() {
        pool1 = new ComputePool(1);
        pool2 = new ComputePool(2);
        pool4 = new ComputePool(4);
    }

    @AfterAll
    static void stopPools() {
        pool1.close();
        pool2.close();
        pool4.close();
    }

    static PatchDataset data(int n, int p, int d, long seed) {
        PatchDataSpec spec = new PatchDataSpec(n, 1, p, d, PatchDataSpec.theoryAlpha(d), 0.5, 0.2, 1.0,
                PatchDataSpec.FeatureDirection.RANDOM);
        return PatchDataGenerator.generate(spec, seed).train();
    }

    static double[] gaussian(int n, double scale, long seed) {
        GaussianSource g = new GaussianSource(new SplittableRandom(seed));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * g.next();
        }
        return v;
    }

    /** ‖a − b‖_∞ / max(‖b‖_∞, tiny). */
    static double relErr(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num = Math.max(num, Math.abs(a[i] - b[i]));
            den = Math.max(den, Math.abs(b[i]));
        }
        return num / Math.max(den, 1e-300);
    }

    static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    /** Weights of a scale that keeps the margins y·f of order 1 (loss neither saturated nor flat). */
    static double[] weights(int m, int d, long seed) {
        return gaussian(m * d, 0.6 / Math.sqrt(d), seed);
    }

    @ParameterizedTest
    @CsvSource({
        "FLOAT64, 3, 2, 7, 37, 0.0",
        "FLOAT64, 5, 5, 30, 101, 0.01",
        "FLOAT64, 1, 3, 5, 9, 0.0",
        "FLOAT64, 6, 4, 13, 1100, 0.1",
        "FLOAT64, 4, 1, 1, 3, 0.5",
        "FLOAT64, 7, 5, 6, 23, 0.0",
        "FLOAT64, 4, 7, 9, 45, 0.0",
        "FLOAT64, 1, 10, 4, 17, 0.0",
        "FLOAT64, 2, 6, 3, 9, 0.0",
        "FLOAT32, 3, 2, 7, 37, 0.0",
        "FLOAT32, 5, 5, 30, 101, 0.01",
        "FLOAT32, 1, 3, 5, 9, 0.0",
        "FLOAT32, 6, 4, 13, 1100, 0.1",
        "FLOAT32, 4, 1, 1, 3, 0.5",
        "FLOAT32, 7, 5, 6, 23, 0.0",
        "FLOAT32, 4, 7, 9, 45, 0.0",
        "FLOAT32, 1, 10, 4, 17, 0.0",
        "FLOAT32, 2, 6, 3, 9, 0.0",
    })
    void kernelMatchesReference(Precision precision, int m, int p, int d, int n, double lambda) {
        double tol = precision == Precision.FLOAT64 ? TEST_F64 : TEST_F32;
        PatchDataset data = data(n, p, d, 11);
        double[] w = weights(m, d, 12);
        CubicCnnReference ref = new CubicCnnReference(data, m, lambda);
        double[] gRef = new double[m * d];
        double lRef = ref.valueAndGradient(w, gRef);
        for (ComputePool pool : new ComputePool[] {pool1, pool2}) {
            CubicCnn model = new CubicCnn(data, m, lambda, precision, pool);
            double[] g = new double[m * d];
            double l = model.valueAndGradient(w, g);
            assertTrue(relErr(l, lRef) <= tol, "loss " + l + " vs " + lRef);
            assertTrue(relErr(g, gRef) <= tol, "gradient error " + relErr(g, gRef));
            assertTrue(relErr(model.value(w), lRef) <= tol);
            double[] out = new double[n];
            model.outputs(w, out);
            double[] outRef = new double[n];
            for (int i = 0; i < n; i++) {
                outRef[i] = ref.output(w, i);
            }
            assertTrue(relErr(out, outRef) <= tol, "output error " + relErr(out, outRef));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (double lambda : new double[] {0.0, 0.05}) {
            PatchDataset data = data(41, 3, 5, 21);
            CubicCnn model = new CubicCnn(data, 3, lambda, Precision.FLOAT64, pool2);
            double[] w = weights(3, 5, 22);
            double[] g = new double[model.dimension()];
            model.valueAndGradient(w, g);
            double[] fd = FiniteDifferences.gradient(model, w, 1e-5);
            assertTrue(relErr(g, fd) <= TEST_FD, "lambda " + lambda + ": error " + relErr(g, fd));
        }
    }

    @Test
    void hessianVectorProductMatchesFiniteDifferences() {
        for (double lambda : new double[] {0.0, 0.05}) {
            PatchDataset data = data(41, 3, 5, 31);
            CubicCnn model = new CubicCnn(data, 3, lambda, Precision.FLOAT64, pool1);
            double[] w = weights(3, 5, 32);
            double[] v = gaussian(model.dimension(), 1.0, 33);
            double[] hv = new double[model.dimension()];
            model.hessianVectorProduct(w, v, hv);
            double[] fd = new double[model.dimension()];
            FiniteDifferences.hessianVectorProduct(model, w, v, fd);
            assertTrue(relErr(hv, fd) <= TEST_FD, "lambda " + lambda + ": error " + relErr(hv, fd));
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void miniBatchMatchesReferenceOnTheSubset(Precision precision) {
        double tol = precision == Precision.FLOAT64 ? TEST_F64 : TEST_F32;
        int n = 700;
        PatchDataset data = data(n, 4, 9, 41);
        CubicCnn model = new CubicCnn(data, 5, 0.02, precision, pool2);
        CubicCnnReference ref = new CubicCnnReference(data, 5, 0.02);
        double[] w = weights(5, 9, 42);
        SplittableRandom rng = new SplittableRandom(43);
        int[] indices = new int[1300]; // more than N, with repeats: the scratch must grow
        for (int q = 0; q < indices.length; q++) {
            indices[q] = rng.nextInt(n);
        }
        double[] g = new double[model.dimension()];
        double[] gRef = new double[model.dimension()];
        int[][] ranges = {{0, 45}, {45, 46}, {100, 613}, {0, 1300}};
        for (int[] range : ranges) {
            double l = model.valueAndGradient(w, g, indices, range[0], range[1]);
            double lRef = ref.valueAndGradient(w, gRef, java.util.Arrays.copyOfRange(indices, range[0], range[1]));
            assertTrue(relErr(l, lRef) <= tol, "range " + range[0] + ".." + range[1]);
            assertTrue(relErr(g, gRef) <= tol, "range " + range[0] + ".." + range[1] + ": " + relErr(g, gRef));
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void fullIndexListEqualsFullBatch(Precision precision) {
        int n = 1030;
        PatchDataset data = data(n, 3, 6, 51);
        CubicCnn model = new CubicCnn(data, 4, 0.01, precision, pool2);
        double[] w = weights(4, 6, 52);
        int[] all = new int[n + 2];
        for (int i = 0; i < n; i++) {
            all[i + 1] = i;
        }
        double[] g = new double[model.dimension()];
        double[] gb = new double[model.dimension()];
        double l = model.valueAndGradient(w, g);
        double lb = model.valueAndGradient(w, gb, all, 1, n + 1);
        // the gathered blocks are the full data set's blocks, lane for lane: the very same sums
        assertEquals(l, lb);
        assertArrayEquals(g, gb);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsAreBitwiseIdenticalForAnyThreadCount(Precision precision) {
        int n = 3000;
        PatchDataset data = data(n, 5, 30, 61);
        double[] w = weights(5, 30, 62);
        int[] batch = new int[1500];
        SplittableRandom rng = new SplittableRandom(63);
        for (int q = 0; q < batch.length; q++) {
            batch[q] = rng.nextInt(n);
        }
        double[] g1 = new double[150];
        double[] b1 = new double[150];
        double[] o1 = new double[n];
        CubicCnn m1 = new CubicCnn(data, 5, 0.01, precision, pool1);
        double l1 = m1.valueAndGradient(w, g1);
        double lb1 = m1.valueAndGradient(w, b1, batch, 0, batch.length);
        double v1 = m1.value(w);
        m1.outputs(w, o1);
        for (ComputePool pool : new ComputePool[] {pool2, pool4}) {
            CubicCnn mt = new CubicCnn(data, 5, 0.01, precision, pool);
            double[] g = new double[150];
            double[] b = new double[150];
            double[] o = new double[n];
            for (int rep = 0; rep < 3; rep++) {
                assertEquals(l1, mt.valueAndGradient(w, g));
                assertArrayEquals(g1, g);
                assertEquals(lb1, mt.valueAndGradient(w, b, batch, 0, batch.length));
                assertArrayEquals(b1, b);
                assertEquals(v1, mt.value(w));
                mt.outputs(w, o);
                assertArrayEquals(o1, o);
            }
        }
    }

    @Test
    void inputsAreNotModified() {
        PatchDataset data = data(50, 2, 3, 71);
        CubicCnn model = new CubicCnn(data, 2, 0.1, Precision.FLOAT32, pool2);
        double[] w = weights(2, 3, 72);
        double[] w0 = w.clone();
        double[] x0 = data.patches().clone();
        int[] idx = {3, 1, 4, 1, 5};
        double[] g = new double[6];
        model.valueAndGradient(w, g);
        model.valueAndGradient(w, g, idx, 0, 5);
        model.hessianVectorProduct(w, w0.clone(), g);
        assertArrayEquals(w0, w);
        assertArrayEquals(x0, data.patches());
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, idx);
    }

    /** Outputs served from the last full-batch gradient pass have the bits of a fresh outputs pass. */
    @Test
    void outputsAfterAGradientPassAreThoseOfAFreshPass() {
        for (Precision precision : Precision.values()) {
            PatchDataset data = data(203, 3, 7, 85);
            CubicCnn model = new CubicCnn(data, 3, 0.0, precision, pool2);
            CubicCnn fresh = new CubicCnn(data, 3, 0.0, precision, pool1);
            double[][] ws = {weights(3, 7, 86), weights(3, 7, 87)};
            double[][] gs = new double[2][21];
            double[] vs = new double[2];
            model.valuesAndGradients(ws, gs, vs, 2);
            for (double[] w : ws) {
                double[] cached = new double[203];
                double[] ref = new double[203];
                model.outputs(w, cached);
                fresh.outputs(w, ref);
                assertArrayEquals(ref, cached, 0.0, precision.toString());
            }
            // a mini-batch pass computes only some outputs: outputs at its weights come from a full pass
            double[] w2 = weights(3, 7, 88);
            model.valueAndGradient(w2, gs[0], new int[] {5, 9, 200}, 0, 3);
            double[] out = new double[203];
            double[] ref = new double[203];
            model.outputs(w2, out);
            fresh.outputs(w2, ref);
            assertArrayEquals(ref, out, 0.0);
            // the cache holds weights, not references: changing the array afterwards is seen
            model.valueAndGradient(w2, gs[0]);
            w2[4] += 0.25;
            model.outputs(w2, out);
            fresh.outputs(w2, ref);
            assertArrayEquals(ref, out, 0.0);
        }
    }

    @Test
    void extremeMarginsGiveFiniteLossAndGradient() {
        PatchDataset data = data(20, 2, 4, 81);
        CubicCnn model = new CubicCnn(data, 2, 0.0, Precision.FLOAT64, pool1);
        CubicCnnReference ref = new CubicCnnReference(data, 2, 0.0);
        double[] w = weights(2, 4, 82);
        for (int q = 0; q < w.length; q++) {
            w[q] *= 30; // |f| in the thousands: exp(|z|) would overflow
        }
        double[] g = new double[8];
        double[] gRef = new double[8];
        double l = model.valueAndGradient(w, g);
        double lRef = ref.valueAndGradient(w, gRef);
        assertTrue(Double.isFinite(l) && relErr(l, lRef) <= TEST_F64);
        assertTrue(relErr(g, gRef) <= TEST_F64);
    }

    @Test
    void constructorValidatesItsArguments() {
        PatchDataset data = data(10, 2, 3, 91);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CubicCnn(data, 0, 0.0, Precision.FLOAT64, pool1));
        assertEquals("model.neurons = 0 is out of range: must be >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CubicCnn(data, 2, -0.5, Precision.FLOAT64, pool1));
        assertEquals("model.lambda = -0.5 is out of range: must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CubicCnn(data, 2, Double.NaN, Precision.FLOAT64, pool1));
        assertEquals("model.lambda = NaN is not a finite number", e.getMessage());
    }

    @Test
    void callsValidateShapesAndIndices() {
        PatchDataset data = data(10, 2, 3, 92);
        CubicCnn model = new CubicCnn(data, 2, 0.0, Precision.FLOAT64, pool1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.valueAndGradient(new double[5], new double[6]));
        assertEquals("W has length 5, expected m·d = 2·3 = 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.valueAndGradient(new double[6], new double[6], new int[] {0, 10}, 0, 2));
        assertEquals("indices[1] = 10 is out of range: must be in [0, 10)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.valueAndGradient(new double[6], new double[6], new int[] {0, 1}, 1, 1));
    }

    @Test
    void accessorsDescribeTheModel() {
        PatchDataset data = data(10, 4, 3, 93);
        CubicCnn model = new CubicCnn(data, 2, 0.25, Precision.FLOAT32, pool2);
        assertEquals(6, model.dimension());
        assertEquals(2, model.neurons());
        assertEquals(3, model.dim());
        assertEquals(4, model.patches());
        assertEquals(10, model.exampleCount());
        assertEquals(0.25, model.lambda());
        assertEquals(Precision.FLOAT32, model.precision());
        assertTrue(model.data() == data);
    }
}
