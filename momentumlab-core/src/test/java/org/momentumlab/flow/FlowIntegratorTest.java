package org.momentumlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.momentumlab.model.TwoParameterToy;

/** Dense-output sampling of the Dormand–Prince solution on the grid k·h. */
class FlowIntegratorTest {
    /** The tight integrator on a linear ODE over [0, 1]: error near rounding. */
    private static final double INTEGRATION_TOL = 1e-11;

    @Test
    void linearFlowMatchesMatrixExponentialOnTheGrid() {
        double[] spectrum = {0.5, 1.0, 3.0};
        SpdQuadratic f = SpdQuadratic.withSpectrum(spectrum, 11);
        double[] x0 = {0.4, -1.0, 0.7};
        double beta = 0.5;
        int steps = 37;
        double h = 1.0 / steps;
        double[][] grid = FlowIntegrator.tight().solveOnGrid(new MomentumFlow(f, beta), x0, h, steps);
        assertEquals(steps + 1, grid.length);
        assertArrayEquals(x0, grid[0], 0.0);
        for (int k = 0; k <= steps; k++) {
            assertArrayEquals(exact(f, x0, spectrum, k * h / (1 - beta)), grid[k], INTEGRATION_TOL);
        }
    }

    @Test
    void scalarGradientFlowIsExponential() {
        // E = ½λx² via the quadratic with a 1×1 spectrum: x(t) = x0·exp(−λt)
        double lambda = 2.5;
        SpdQuadratic f = SpdQuadratic.withSpectrum(new double[] {lambda}, 1);
        double[][] grid = FlowIntegrator.tight().solveOnGrid(new GradientFlow(f), new double[] {1.5}, 0.125, 8);
        for (int k = 0; k <= 8; k++) {
            assertEquals(1.5 * Math.exp(-lambda * k * 0.125), grid[k][0], INTEGRATION_TOL);
        }
    }

    @Test
    void zeroStepsAndValidation() {
        TwoParameterToy toy = new TwoParameterToy();
        double[][] grid = FlowIntegrator.tight().solveOnGrid(new GradientFlow(toy), new double[] {1, 2}, 0.1, 0);
        assertEquals(1, grid.length);
        assertEquals("x0.length = 3 does not match the ODE's dimension 2",
                assertThrows(IllegalArgumentException.class,
                        () -> FlowIntegrator.tight().solveOnGrid(new GradientFlow(toy), new double[3], 0.1, 2)).getMessage());
        assertEquals("absoluteTolerance = 0.0 is out of range: must be > 0",
                assertThrows(IllegalArgumentException.class, () -> new FlowIntegrator(0.0, 1e-10)).getMessage());
    }

    /**
     * x(s) = exp(−sA)x0 = Σ_i exp(−sλ_i)P_i x0 with the spectral projectors
     * P_i = Π_{j≠i}(A − λ_j)/(λ_i − λ_j) (distinct eigenvalues).
     */
    private static double[] exact(SpdQuadratic f, double[] x0, double[] spectrum, double s) {
        int n = x0.length;
        double[] x = new double[n];
        double[] ap = new double[n];
        for (int i = 0; i < spectrum.length; i++) {
            double[] p = x0.clone();
            for (int j = 0; j < spectrum.length; j++) {
                if (j != i) {
                    f.hessianVectorProduct(x0, p, ap);
                    for (int r = 0; r < n; r++) {
                        p[r] = (ap[r] - spectrum[j] * p[r]) / (spectrum[i] - spectrum[j]);
                    }
                }
            }
            double w = Math.exp(-s * spectrum[i]);
            for (int r = 0; r < n; r++) {
                x[r] += w * p[r];
            }
        }
        return x;
    }
}
