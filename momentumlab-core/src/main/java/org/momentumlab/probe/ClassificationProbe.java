package org.momentumlab.probe;

import org.momentumlab.data.MarginGroup;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.model.CubicCnn;

/**
 * Accuracies per margin group and the summed loss derivatives of Jelassi &amp; Li.
 *
 * <p>An example counts as correct iff y·f_W(X) &gt; 0 (so f = 0 is an error). Metrics:
 * {@code train_acc}, {@code train_acc_large}, {@code train_acc_small}, {@code test_acc},
 * {@code test_acc_large}, {@code test_acc_small} (fractions in [0, 1]; NaN for an empty group), and
 * ν₁ = (1/N) Σ_{i∈Z₁} ℓ_i ({@code nu1}, large margin), ν₂ = (1/N) Σ_{i∈Z₂} ℓ_i ({@code nu2}, small
 * margin) with ℓ_i = sigmoid(−y_i f_W(X_i)) over the training set (paper §3, "derivatives").
 */
public final class ClassificationProbe implements Probe {
    private final CubicCnn train;
    private final CubicCnn test;
    private final double[] trainOut;
    private final double[] testOut;

    /** @param train the model over the training set; @param test the same architecture over the test set */
    public ClassificationProbe(CubicCnn train, CubicCnn test) {
        this.train = train;
        this.test = test;
        this.trainOut = new double[train.data().size()];
        this.testOut = new double[test.data().size()];
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] w = context.params();
        train.outputs(w, trainOut);
        test.outputs(w, testOut);
        PatchDataset tr = train.data();
        accuracies("train", tr, trainOut, out);
        accuracies("test", test.data(), testOut, out);
        double nu1 = 0;
        double nu2 = 0;
        for (int i = 0; i < trainOut.length; i++) {
            double l = sigmoid(-tr.label(i) * trainOut[i]);
            if (tr.group(i) == MarginGroup.LARGE) {
                nu1 += l;
            } else {
                nu2 += l;
            }
        }
        out.put("nu1", nu1 / trainOut.length);
        out.put("nu2", nu2 / trainOut.length);
    }

    private static void accuracies(String prefix, PatchDataset data, double[] f, MetricTable out) {
        int[] correct = new int[2];
        int[] count = new int[2];
        for (int i = 0; i < f.length; i++) {
            int g = data.group(i).ordinal();
            count[g]++;
            if (data.label(i) * f[i] > 0) {
                correct[g]++;
            }
        }
        int all = count[0] + count[1];
        out.put(prefix + "_acc", (double) (correct[0] + correct[1]) / all);
        out.put(prefix + "_acc_large", count[0] == 0 ? Double.NaN : (double) correct[0] / count[0]);
        out.put(prefix + "_acc_small", count[1] == 0 ? Double.NaN : (double) correct[1] / count[1]);
    }

    /** Logistic sigmoid without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
