package org.momentumlab.experiment.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.momentumlab.flow.JacobiEigen;
import org.momentumlab.flow.Sharpness;
import org.momentumlab.model.PhaseRetrieval;

/** The smallest Hessian eigenvalue: Lanczos (beyond 64 dimensions) agrees with the dense Jacobi decomposition. */
class SmallestEigenTest {

    @Test
    void lanczosBeyondTheDenseLimitAgreesWithJacobi() {
        int d = SaddleProblem.DENSE_MAX + 6;
        PhaseRetrieval f = PhaseRetrieval.sample(d, 400, new SplittableRandom(3));
        double[] w = new double[d];
        SplittableRandom r = new SplittableRandom(4);
        for (int j = 0; j < d; j++) {
            w[j] = 0.02 * (r.nextDouble() - 0.5); // near the saddle: one clearly negative eigenvalue
        }
        Sharpness.Result lanczos = SaddleProblem.smallestEigen(f, w);
        double[][] h = new double[d][d];
        f.hessian(w, h);
        JacobiEigen dense = JacobiEigen.of(h);
        double exact = dense.values()[dense.smallest()];
        assertEquals(exact, lanczos.eigenvalue(), 1e-8 * Math.abs(exact));
        // the same direction up to sign
        double dot = 0;
        for (int j = 0; j < d; j++) {
            dot += lanczos.eigenvector()[j] * dense.vectors()[dense.smallest()][j];
        }
        assertEquals(1, Math.abs(dot), 1e-6);
    }
}
