package org.momentumlab.model.nets;

import java.util.SplittableRandom;
import org.momentumlab.util.Check;
import org.momentumlab.util.GaussianSource;
import org.momentumlab.util.Seeds;

/**
 * The Gaussian teacher-student data of Jelassi &amp; Li (ICML 2022), Table 1: inputs x ~ N(0, I_d)
 * (d = 30), labels y = sign(f_θ*(x)) of a teacher network (sign(0) = +1); 500 training and 5000 test
 * examples.
 *
 * <p>Three independent streams of the seed ({@link Seeds#stream}): {@code teacher/init} draws θ* by
 * {@link Network#initialize} (He initialization, zero biases), {@code data/train} and
 * {@code data/test} the inputs, row by row, by a {@link GaussianSource}. So the training set does
 * not change when the test size does, and the same seed gives the same data on any machine and
 * thread count. Labels come from the teacher's plain single-example pass {@link Network#output}.
 */
public final class GaussianTeacherData {
    /** Training examples of Table 1. */
    public static final int DEFAULT_TRAIN = 500;
    /** Test examples of Table 1. */
    public static final int DEFAULT_TEST = 5000;

    private GaussianTeacherData() {
    }

    /** Table 1's sizes: d = 30, N = 500, 5000 test examples. */
    public static TeacherStudentData generate(ArchSpec teacher, long seed) {
        return generate(teacher, ArchSpec.DEFAULT_D, DEFAULT_TRAIN, DEFAULT_TEST, seed);
    }

    /**
     * Draws a teacher and labelled train and test sets.
     *
     * @param teacher   the teacher's architecture (errors name fields {@code teacher.*})
     * @param d         input dimension ≥ 1
     * @param trainSize N ≥ 1
     * @param testSize  M ≥ 1
     * @param seed      the run's root seed
     */
    public static TeacherStudentData generate(ArchSpec teacher, int d, int trainSize, int testSize, long seed) {
        Check.atLeast("data.d", d, 1);
        Check.atLeast("data.n_train", trainSize, 1);
        Check.atLeast("data.n_test", testSize, 1);
        Network net = new Network("teacher", teacher, d);
        double[] theta = new double[net.parameterCount()];
        net.initialize(theta, Seeds.stream(seed, "teacher/init"));
        double[] trainX = inputs(trainSize, d, Seeds.stream(seed, "data/train"));
        double[] testX = inputs(testSize, d, Seeds.stream(seed, "data/test"));
        return new TeacherStudentData(trainX, labels(net, theta, trainX), testX, labels(net, theta, testX), d, net, theta);
    }

    /** n·d independent N(0, 1) entries, row-major, from {@code rng}. */
    public static double[] inputs(int n, int d, SplittableRandom rng) {
        GaussianSource g = new GaussianSource(rng);
        double[] x = new double[Math.multiplyExact(n, d)];
        for (int q = 0; q < x.length; q++) {
            x[q] = g.next();
        }
        return x;
    }

    /** y_i = sign(f_θ(x_i)) with sign(0) = +1, for the rows of {@code x}. */
    public static byte[] labels(Network teacher, double[] theta, double[] x) {
        int d = teacher.inputDim();
        byte[] y = new byte[x.length / d];
        for (int i = 0; i < y.length; i++) {
            y[i] = teacher.output(theta, x, i * d) >= 0 ? (byte) 1 : (byte) -1;
        }
        return y;
    }
}
