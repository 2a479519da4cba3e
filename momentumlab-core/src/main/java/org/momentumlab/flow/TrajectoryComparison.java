package org.momentumlab.flow;

import org.momentumlab.model.Objective;
import org.momentumlab.optim.Optimizers;
import org.momentumlab.optim.Schedule;
import org.momentumlab.optim.Stepper;
import org.momentumlab.util.Check;

/**
 * Runs heavy ball x_{k+1} = x_k − h∇E(x_k) + β(x_k − x_{k−1}), x_{−1} = x_0 (through
 * {@link Optimizers#heavyBall} and a {@link Stepper}, the same code the trainer uses) for K steps and
 * measures ‖x_k − x(kh)‖ for every k against a flow solved by a {@link FlowIntegrator}; the
 * {@link Deviation} gives the maximum over all k or over k past the start-up transient.
 */
public final class TrajectoryComparison {
    private TrajectoryComparison() {
    }

    /**
     * Distances between iterates and flow on the grid.
     *
     * @param distances ‖x_k − x(kh)‖ for k = 0..K (the array is owned by the record; do not modify)
     */
    public record Deviation(double[] distances) {
        /** max_k ‖x_k − x(kh)‖ over k = 0..K. */
        public double max() {
            return maxFrom(0);
        }

        /**
         * max_k ‖x_k − x(kh)‖ over k = from..K: leaves out the heavy-ball start-up transient, which
         * decays like β^k (see {@link FlowStart}).
         */
        public double maxFrom(int from) {
            Check.atLeast("from", from, 0);
            if (from >= distances.length) {
                throw new IllegalArgumentException("from = " + from + " is out of range: must be <= " + (distances.length - 1));
            }
            double m = 0;
            for (int k = from; k < distances.length; k++) {
                m = Math.max(m, distances[k]);
            }
            return m;
        }

        /** ‖x_K − x(Kh)‖. */
        public double last() {
            return distances[distances.length - 1];
        }
    }

    /**
     * The heavy-ball iterates x_0..x_K with constant step h and momentum β.
     *
     * @param x0 the start, not modified
     * @return a fresh (steps+1) × n array; row 0 is a copy of x0
     */
    public static double[][] heavyBall(Objective objective, double[] x0, double h, double beta, int steps) {
        FlowStart.validate(objective, x0, h, beta);
        Check.atLeast("steps", steps, 0);
        Stepper stepper = Optimizers.heavyBall(Schedule.constant(h), beta).start(objective.dimension());
        double[] theta = x0.clone();
        double[] grad = new double[theta.length];
        double[][] out = new double[steps + 1][];
        out[0] = theta.clone();
        for (int k = 1; k <= steps; k++) {
            objective.valueAndGradient(stepper.evaluationPoint(theta), grad);
            stepper.step(theta, grad);
            out[k] = theta.clone();
        }
        return out;
    }

    /** The Euclidean distances between two trajectories of equal shape, row by row. */
    public static Deviation deviation(double[][] iterates, double[][] flow) {
        if (iterates.length != flow.length) {
            throw new IllegalArgumentException("iterates has " + iterates.length + " rows but flow has " + flow.length);
        }
        double[] d = new double[iterates.length];
        for (int k = 0; k < iterates.length; k++) {
            double s = 0;
            for (int i = 0; i < iterates[k].length; i++) {
                double e = iterates[k][i] - flow[k][i];
                s += e * e;
            }
            d[k] = Math.sqrt(s);
        }
        return new Deviation(d);
    }

    /**
     * Heavy ball for K = steps iterations from x0 against the flow of the given order for (h, β), started
     * at {@code start}'s initial point.
     */
    public static Deviation compare(Objective objective, double[] x0, double h, double beta, int steps,
                                    FlowOrder order, FlowStart start, FlowIntegrator integrator) {
        double[][] iterates = heavyBall(objective, x0, h, beta, steps);
        ObjectiveFlow flow = order.flow(objective, h, beta);
        double[] y0 = start.initialPoint(objective, x0, h, beta);
        return deviation(iterates, integrator.solveOnGrid(flow, y0, h, steps));
    }
}
