package org.momentumlab.model.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.momentumlab.util.ComputePool;

class GaussianTeacherDataTest {
    /** Allowed deviation of a sample mean, in standard errors. */
    static final double SIGMAS = 5;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void labelsAreTheSignsOfTheTeacher(Architecture arch) {
        TeacherStudentData data = GaussianTeacherData.generate(ArchSpec.defaults(arch), 30, 300, 200, 7);
        assertEquals(300, data.trainSize());
        assertEquals(200, data.testSize());
        Network teacher = data.teacher();
        try (ComputePool pool = new ComputePool(1)) {
            NetworkObjective f = new NetworkObjective(teacher, data.trainX(), data.trainY(), 0, pool);
            double[] out = new double[300];
            f.outputs(data.teacherParams(), out);
            for (int i = 0; i < 300; i++) {
                assertEquals(out[i] >= 0 ? 1 : -1, data.trainY()[i]);
            }
            // the teacher fits its own labels (up to outputs exactly 0, labelled +1 but counted as errors)
            assertEquals(0, f.misclassified(data.teacherParams()));
        }
        for (byte y : data.testY()) {
            assertTrue(y == 1 || y == -1);
        }
    }

    @Test
    void linearTeacherLabelsAreBalancedAndInputsStandardNormal() {
        TeacherStudentData data = GaussianTeacherData.generate(ArchSpec.linear(), 11);
        assertEquals(30, data.d());
        assertEquals(500, data.trainSize());
        assertEquals(5000, data.testSize());
        // a linear teacher without bias labels N(0, I) inputs +1 with probability exactly 1/2
        for (byte[] y : new byte[][] {data.trainY(), data.testY()}) {
            double se = Math.sqrt(0.25 / y.length);
            assertEquals(0.5, TeacherStudentData.positiveFraction(y), SIGMAS * se);
        }
        double[] x = data.testX();
        double mean = Arrays.stream(x).sum() / x.length;
        double second = Arrays.stream(x).map(v -> v * v).sum() / x.length;
        assertEquals(0.0, mean, SIGMAS / Math.sqrt(x.length));
        assertEquals(1.0, second, SIGMAS * Math.sqrt(2.0 / x.length));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        ArchSpec teacher = ArchSpec.defaults(Architecture.CNN1);
        TeacherStudentData a = GaussianTeacherData.generate(teacher, 30, 100, 50, 3);
        TeacherStudentData b = GaussianTeacherData.generate(teacher, 30, 100, 50, 3);
        TeacherStudentData c = GaussianTeacherData.generate(teacher, 30, 100, 50, 4);
        assertArrayEquals(a.trainX(), b.trainX());
        assertArrayEquals(a.trainY(), b.trainY());
        assertArrayEquals(a.testX(), b.testX());
        assertArrayEquals(a.testY(), b.testY());
        assertArrayEquals(a.teacherParams(), b.teacherParams());
        assertFalse(Arrays.equals(a.trainX(), c.trainX()));
        assertFalse(Arrays.equals(a.teacherParams(), c.teacherParams()));
        assertFalse(Arrays.equals(a.trainX(), Arrays.copyOf(a.testX(), a.trainX().length)), "train and test streams differ");
    }

    @Test
    void streamsAreIndependentOfTheOtherSizesAndOfTheTeacher() {
        TeacherStudentData small = GaussianTeacherData.generate(ArchSpec.mlp1(8), 30, 100, 10, 5);
        TeacherStudentData large = GaussianTeacherData.generate(ArchSpec.mlp1(8), 30, 100, 1000, 5);
        TeacherStudentData other = GaussianTeacherData.generate(ArchSpec.linear(), 30, 100, 10, 5);
        assertArrayEquals(small.trainX(), large.trainX());
        assertArrayEquals(small.trainY(), large.trainY());
        assertArrayEquals(small.testX(), Arrays.copyOf(large.testX(), small.testX().length));
        assertArrayEquals(small.trainX(), other.trainX());
    }

    @Test
    void gradientDescentFitsALinearTeachersLabels() {
        TeacherStudentData data = GaussianTeacherData.generate(ArchSpec.linear(), 30, 500, 10, 21);
        Network student = new Network(ArchSpec.defaults(Architecture.MLP1), 30);
        double[] theta = new double[student.parameterCount()];
        student.initialize(theta, new java.util.SplittableRandom(22));
        double[] g = new double[theta.length];
        try (ComputePool pool = new ComputePool(2)) {
            NetworkObjective f = new NetworkObjective(student, data.trainX(), data.trainY(), 0, pool);
            double first = f.valueAndGradient(theta, g);
            int epoch = 0;
            for (; epoch < 200 && f.lastMisclassified() > 0; epoch++) {
                for (int q = 0; q < theta.length; q++) {
                    theta[q] -= 1.0 * g[q];
                }
                f.valueAndGradient(theta, g);
            }
            assertEquals(0, f.misclassified(theta), "training error after " + epoch + " epochs of GD");
            assertTrue(f.value(theta) < first / 4);
        }
    }

    @Test
    void badSizesAreRejectedWithClearMessages() {
        assertEquals("data.n_train = 0 is out of range: must be >= 1",
                assertThrows(IllegalArgumentException.class,
                        () -> GaussianTeacherData.generate(ArchSpec.linear(), 30, 0, 10, 1)).getMessage());
        assertEquals("teacher.kernel = 40 is out of range: must be <= d = 30",
                assertThrows(IllegalArgumentException.class,
                        () -> GaussianTeacherData.generate(ArchSpec.cnn1(4, 40, 1), 30, 10, 10, 1)).getMessage());
    }
}
