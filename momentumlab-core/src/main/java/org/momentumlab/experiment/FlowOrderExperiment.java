package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.flow.FlowIntegrator;
import org.momentumlab.flow.FlowOrder;
import org.momentumlab.flow.FlowStart;
import org.momentumlab.flow.OrderCheck;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Objective;
import org.momentumlab.model.Precision;
import org.momentumlab.model.TwoParameterToy;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;
import org.momentumlab.util.ComputePool;

/**
 * Runs a {@link FlowOrderSpec}. Each (objective, β, flow, start) is recorded as one run named
 * {@code objective|beta=β|O(h)|naive} etc., with one metrics row per step size (step = halving
 * index): {@code h}, {@code error} and the fitted {@code slope}. The flows are integrated by
 * Dormand–Prince 8(5,3) at tolerance 1e-13, far below the errors measured.
 */
public final class FlowOrderExperiment {
    private FlowOrderExperiment() {
    }

    /** The small non-quadratic model: a cubic CNN on N = 64 patch examples, d = 4, P = 2, m = 2. */
    static Objective cubicCnn(ComputePool pool) {
        PatchDataSpec spec = new PatchDataSpec(64, 1, 2, 4, 2.0, 0.5, 0.2, 1.0, PatchDataSpec.FeatureDirection.RANDOM);
        return new CubicCnn(PatchDataGenerator.generate(spec, 0).train(), 2, 0.01, Precision.FLOAT64, pool);
    }

    static double[] start(String objective, int dimension) {
        if (objective.equals("toy")) {
            return new double[] {2.8, 3.4};
        }
        return PatchExperiment.initialWeights(dimension, 0.5, 0);
    }

    /** One row per step size (step = its index): h, error and the fitted slope. */
    static MetricTable orderTable(OrderCheck.Result r) {
        MetricTable m = new MetricTable();
        for (int i = 0; i < r.steps().length; i++) {
            m.startRow(i);
            m.put("h", r.steps()[i]);
            m.put("error", r.errors()[i]);
            m.put("slope", r.slope());
        }
        return m;
    }

    /** Records a finished non-training run (its "steps" are its rows). */
    static void finish(List<RunSeries> out, ExperimentListener listener, String label, MetricTable m) {
        RunSeries run = new RunSeries(label, 0, m, new TrainingResult(m.rows(), TrainingResult.StopReason.MAX_STEPS, -1, Double.NaN));
        out.add(run);
        listener.runFinished(run);
    }

    public static List<RunSeries> run(FlowOrderSpec spec, ComputePool pool, ExperimentListener listener) {
        List<RunSeries> out = new ArrayList<>();
        int total = spec.objectives().size() * spec.betas().size() * 4;
        int index = 0;
        for (Map.Entry<String, double[]> o : spec.objectives().entrySet()) {
            Objective f = o.getKey().equals("toy") ? new TwoParameterToy() : cubicCnn(pool);
            double horizon = o.getValue()[0];
            double[] x0 = start(o.getKey(), f.dimension());
            for (double beta : spec.betas()) {
                double[] hs = new double[spec.halvings() + 1];
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = o.getValue()[1] * (1 - beta) * (1 - beta) / (1L << i);
                }
                for (FlowOrder order : FlowOrder.values()) {
                    for (FlowStart start : FlowStart.values()) {
                        String label = String.format(Locale.ROOT, "%s|beta=%s|%s|%s", o.getKey(), Num.format(beta),
                                order == FlowOrder.FIRST ? "O(h)" : "O(h^2)", start.name().toLowerCase(Locale.ROOT));
                        listener.runStarted(index++, total, label, 0, hs.length);
                        OrderCheck.Result r = OrderCheck.run(f, x0, beta, horizon, spec.burnIn() * horizon, hs, order, start,
                                FlowIntegrator.tight());
                        finish(out, listener, label, orderTable(r));
                    }
                }
            }
        }
        return out;
    }
}
