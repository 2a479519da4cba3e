package org.momentumlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.util.ComputePool;

/** The shipped benchmark weights are the Figure 3 GD+M trajectory, bit for bit. */
class Figure3TrajectoryTest {
    @Test
    void shippedWeightsAreTheTrajectory() {
        List<double[]> fresh;
        try (ComputePool pool = new ComputePool(2)) {
            fresh = Figure3Trajectory.compute(pool);
        }
        List<double[]> shipped = Figure3Trajectory.read();
        assertEquals(Figure3Trajectory.STEPS.size(), shipped.size());
        for (int i = 0; i < shipped.size(); i++) {
            assertArrayEquals(fresh.get(i), shipped.get(i), 0.0, "steps " + Figure3Trajectory.STEPS.get(i)
                    + " (rewrite with: java -cp ... org.momentumlab.bench.Figure3Trajectory)");
        }
    }
}
