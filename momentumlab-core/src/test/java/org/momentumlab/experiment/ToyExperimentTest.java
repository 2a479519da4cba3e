package org.momentumlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.model.TwoParameterToy;

/** The igr-toy preset: every optimizer ends on the minima, and a larger β ends at a flatter one. */
class ToyExperimentTest {
    static final double LOSS_TOL = 1e-20;
    static final double EIG_TOL = 1e-8;

    @Test
    void largerBetaEndsAtAFlatterMinimum() {
        Spec<?> spec = ExperimentKinds.bind(SpecTree.preset("igr-toy"));
        List<RunSeries> runs;
        try (org.momentumlab.util.ComputePool pool = new org.momentumlab.util.ComputePool(1)) {
            runs = spec.runInMemory(pool);
        }
        assertEquals(List.of("gd", "hb_beta05", "hb_beta08", "hb_beta09"), runs.stream().map(r -> r.label().get("optimizer")).toList());
        double previousNorm = Double.POSITIVE_INFINITY;
        double previousSharpness = Double.POSITIVE_INFINITY;
        TwoParameterToy toy = new TwoParameterToy();
        for (RunSeries r : runs) {
            var m = r.metrics();
            assertEquals(50000, m.step(m.rows() - 1));
            assertTrue(m.last("train_loss") < LOSS_TOL, r.id());
            double w1 = m.last("w1");
            double w2 = m.last("w2");
            assertEquals(0.6, w1 * w2, 1e-12);
            // sharpness probe against the exact top eigenvalue of the 2x2 Hessian
            double[][] h = toy.hessian(new double[] {w1, w2});
            double tr = h[0][0] + h[1][1];
            double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            double top = tr / 2 + Math.sqrt(tr * tr / 4 - det);
            assertEquals(top, m.last("sharpness"), EIG_TOL * top);
            // on the minima the top eigenvalue equals w1^2 + w2^2
            assertEquals(m.last("w_norm2"), m.last("sharpness"), EIG_TOL * top);
            assertTrue(m.last("w_norm2") < previousNorm, r.id());
            assertTrue(m.last("sharpness") < previousSharpness, r.id());
            previousNorm = m.last("w_norm2");
            previousSharpness = m.last("sharpness");
        }
    }
}
