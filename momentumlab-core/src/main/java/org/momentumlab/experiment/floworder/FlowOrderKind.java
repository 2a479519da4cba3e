package org.momentumlab.experiment.floworder;

import java.util.List;
import java.util.Map;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.ResultLayout.Panel;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.Spec;
import org.momentumlab.flow.FlowIntegrator;
import org.momentumlab.flow.FlowOrder;
import org.momentumlab.flow.FlowStart;
import org.momentumlab.flow.OrderCheck;
import org.momentumlab.model.CubicCnn;
import org.momentumlab.model.Objective;
import org.momentumlab.model.Precision;
import org.momentumlab.model.TwoParameterToy;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.util.ComputePool;

/**
 * Kind {@code flow-order}. Each (objective, β, flow, start) is one run labelled
 * {@code objective, beta, flow, start}, with one metrics row per step size (step = halving index):
 * {@code h}, {@code error} and the fitted {@code slope}. The flows are integrated by
 * Dormand–Prince 8(5,3) at tolerance 1e-13, far below the errors measured.
 */
public final class FlowOrderKind extends KindBase<FlowOrderSpec> {

    public FlowOrderKind() {
        super("flow-order", FlowOrderSpec.class, FlowOrderSpec.DEFAULTS, List.of("flow-order"), true);
    }

    @Override
    public RunPlan plan(Spec<FlowOrderSpec> spec) {
        FlowOrderSpec s = spec.body();
        int runs = s.objectives().size() * s.betas().size() * 4;
        return new RunPlan(runs, runs + " order checks (objective x beta x flow x start)", s.halvings() + 1L, "step sizes");
    }

    /** The label fields of an order check. */
    public static final List<String> LABEL = List.of("objective", "beta", "flow", "start");

    @Override
    public ResultLayout layout(Spec<FlowOrderSpec> spec) {
        return new ResultLayout(LABEL, orderColumns(), List.of(errorPanel("flow_order", "Heavy ball vs flows", List.of("objective", "beta"))), "");
    }

    /** The columns of an order check: the fitted slope and the error at the smallest h. */
    public static List<Column> orderColumns() {
        return List.of(Column.number("slope", "fitted slope"), Column.number("error", "error at the smallest h"));
    }

    /** Error against h on log–log axes, one panel per value of {@code splitBy}, the slope in the legend. */
    public static Panel errorPanel(String file, String title, List<String> splitBy) {
        return new Panel(file, title, "h", "step size h", "error", "max error on [burn_in·T, T]", true, true, splitBy, "slope",
                ResultLayout.Overlay.NONE);
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
        return CubicCnn.initialWeights(dimension, 0.5, 0);
    }

    /** One row per step size (step = its index): h, error and the fitted slope. */
    public static MetricTable orderTable(OrderCheck.Result r) {
        MetricTable m = new MetricTable();
        for (int i = 0; i < r.steps().length; i++) {
            m.startRow(i);
            m.put("h", r.steps()[i]);
            m.put("error", r.errors()[i]);
            m.put("slope", r.slope());
        }
        return m;
    }

    @Override
    public void run(Spec<FlowOrderSpec> spec, RunContext context) {
        FlowOrderSpec s = spec.body();
        for (Map.Entry<String, FlowOrderSpec.Scale> o : s.objectives().entrySet()) {
            Objective f = o.getKey().equals("toy") ? new TwoParameterToy() : cubicCnn(context.pool());
            double horizon = o.getValue().horizon();
            double[] x0 = start(o.getKey(), f.dimension());
            for (double beta : s.betas()) {
                double[] hs = new double[s.halvings() + 1];
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = o.getValue().h0() * (1 - beta) * (1 - beta) / (1L << i);
                }
                for (FlowOrder order : FlowOrder.values()) {
                    for (FlowStart start : FlowStart.values()) {
                        RunLabel label = RunLabel.of("objective", o.getKey(), "beta", Num.format(beta),
                                "flow", order == FlowOrder.FIRST ? "O(h)" : "O(h^2)", "start", start.name().toLowerCase(java.util.Locale.ROOT));
                        RunContext.Recorder run = context.start(label, 0, hs.length);
                        OrderCheck.Result r = OrderCheck.run(f, x0, beta, horizon, s.burnIn() * horizon, hs, order, start,
                                FlowIntegrator.tight());
                        run.finish(orderTable(r));
                    }
                }
            }
        }
    }
}
