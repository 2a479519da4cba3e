package org.momentumlab.model.nets;

/**
 * A Gaussian teacher-student data set (see {@link GaussianTeacherData}): train and test inputs,
 * row-major ({@code x[i·d + k]}), their ±1 labels, and the teacher that labelled them.
 *
 * <p>Arrays are held, not copied (a record of arrays compares by reference); treat them as
 * read-only.
 *
 * @param trainX        N·d training inputs
 * @param trainY        N training labels, each −1 or +1
 * @param testX         M·d test inputs
 * @param testY         M test labels
 * @param d             input dimension
 * @param teacher       the teacher network
 * @param teacherParams its parameters θ*
 */
public record TeacherStudentData(double[] trainX, byte[] trainY, double[] testX, byte[] testY, int d,
                                 Network teacher, double[] teacherParams) {

    public TeacherStudentData {
        if (trainX == null || trainY == null || testX == null || testY == null || teacher == null || teacherParams == null) {
            throw new NullPointerException("all arrays and the teacher must be given");
        }
        if (trainX.length != (long) trainY.length * d || testX.length != (long) testY.length * d) {
            throw new IllegalArgumentException("inputs of lengths " + trainX.length + " and " + testX.length
                    + " do not match " + trainY.length + " and " + testY.length + " examples of dimension d = " + d);
        }
        if (teacher.inputDim() != d || teacherParams.length != teacher.parameterCount()) {
            throw new IllegalArgumentException("teacher " + teacher + " with " + teacherParams.length + " parameters does not match d = " + d);
        }
    }

    /** N. */
    public int trainSize() {
        return trainY.length;
    }

    /** M. */
    public int testSize() {
        return testY.length;
    }

    /** Fraction of +1 labels in {@code labels}. */
    public static double positiveFraction(byte[] labels) {
        int pos = 0;
        for (byte y : labels) {
            if (y > 0) {
                pos++;
            }
        }
        return (double) pos / labels.length;
    }
}
