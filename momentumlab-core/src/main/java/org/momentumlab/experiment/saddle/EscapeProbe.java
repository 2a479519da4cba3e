package org.momentumlab.experiment.saddle;

import org.momentumlab.probe.MetricTable;
import org.momentumlab.probe.Probe;
import org.momentumlab.probe.ProbeContext;

/**
 * The metrics of a saddle-escape run at a probe step: ‖∇f‖, the distances from w₀ and from the
 * saddle, |⟨w_t − c, v⟩| (the coordinate along the escape direction), the CNC correlation
 * (mean ⟨∇f_i(w_t), v⟩² and its share of the mean ‖∇f_i‖²), dist(w_t) for phase retrieval, the
 * smallest Hessian eigenvalue (optional; dense up to 64 dimensions, else Lanczos), and the escape and ball-exit steps once they happened (NaN
 * before). Step 0 also records the saddle's value, its smallest curvature and the CNC at the saddle and at w₀.
 */
final class EscapeProbe implements Probe {
    private final SaddleProblem problem;
    private final EscapeMonitor monitor;
    private final boolean minEigenvalue;
    private final double[] scratch;

    EscapeProbe(SaddleProblem problem, EscapeMonitor monitor, boolean minEigenvalue) {
        this.problem = problem;
        this.monitor = monitor;
        this.minEigenvalue = minEigenvalue;
        this.scratch = new double[problem.start.length];
    }

    @Override
    public void observe(ProbeContext context, MetricTable out) {
        double[] w = context.params();
        double[] g = context.gradient();
        out.put("grad_norm", Math.sqrt(dot(g, g)));
        double d0 = 0;
        double along = 0;
        for (int j = 0; j < w.length; j++) {
            d0 += (w[j] - problem.start[j]) * (w[j] - problem.start[j]);
            along += (w[j] - problem.center[j]) * problem.direction[j];
        }
        out.put("dist_start", Math.sqrt(d0));
        out.put("dist_saddle", Math.sqrt(problem.distanceToCenter2(w)));
        out.put("escape_coord", Math.abs(along));
        double[] cnc = problem.cnc(w, scratch);
        out.put("cnc", cnc[0]);
        out.put("cnc_fraction", cnc[1]);
        double dist = problem.recovery(w);
        if (!Double.isNaN(dist)) {
            out.put("dist", dist);
        }
        if (minEigenvalue) {
            out.put("min_eig", SaddleProblem.smallestEigen(problem.objective, w).eigenvalue());
        }
        if (context.step() == 0) {
            out.put("saddle_value", problem.objective.value(problem.center));
            out.put("saddle_min_eig", problem.minCurvature);
            out.put("cnc_saddle", problem.cnc(problem.center, scratch)[0]);
            out.put("cnc_start", cnc[0]);
        }
        out.put("escape_step", monitor.escapeStep() < 0 ? Double.NaN : monitor.escapeStep());
        out.put("ball_exit_step", monitor.exitStep() < 0 ? Double.NaN : monitor.exitStep());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
