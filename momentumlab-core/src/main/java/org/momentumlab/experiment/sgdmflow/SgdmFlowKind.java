package org.momentumlab.experiment.sgdmflow;

import java.util.List;
import org.momentumlab.experiment.KindBase;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.ResultLayout.Column;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunPlan;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.floworder.FlowOrderKind;
import org.momentumlab.flow.FlowIntegrator;
import org.momentumlab.flow.LogisticBatches;
import org.momentumlab.flow.OrderCheck;
import org.momentumlab.flow.SgdmFlow;
import org.momentumlab.flow.VarianceReduction;
import org.momentumlab.probe.MetricTable;

/**
 * Kind {@code sgdm-flow} on {@link LogisticBatches#small} (N = 32, d = 5, batch 4) from x0 = 0.
 * Order checks are labelled {@code check = order, beta, flow} with rows {@code h, error, slope};
 * variance estimates {@code check = variance, beta, flow = -} with one row: {@code ratio},
 * {@code ci_low}, {@code ci_high} (95%, delta method) and {@code claimed} = (1−β)/(1+β).
 */
public final class SgdmFlowKind extends KindBase<SgdmFlowSpec> {

    public SgdmFlowKind() {
        super("sgdm-flow", SgdmFlowSpec.class, SgdmFlowSpec.DEFAULTS, List.of("sgdm-flow"), true);
    }

    @Override
    public RunPlan plan(Spec<SgdmFlowSpec> spec) {
        SgdmFlowSpec s = spec.body();
        int runs = s.betas().size() * 2 + s.variance().betas().size();
        return new RunPlan(runs, (s.betas().size() * 2) + " order checks and " + s.variance().betas().size() + " variance estimates",
                s.halvings() + 1L, "step sizes");
    }

    @Override
    public ResultLayout layout(Spec<SgdmFlowSpec> spec) {
        List<Column> columns = new java.util.ArrayList<>(FlowOrderKind.orderColumns());
        columns.addAll(List.of(Column.number("ratio", "variance ratio"), Column.number("ci_low", "95% CI low"),
                Column.number("ci_high", "95% CI high"), Column.number("claimed", "(1−β)/(1+β)")));
        return new ResultLayout(List.of("check", "beta", "flow"), columns,
                List.of(FlowOrderKind.errorPanel("flow_order", "SGD+M vs flows", List.of("check", "beta")),
                        new ResultLayout.Panel("variance", "Variance reduction by SGD+M's history", "beta", "β", "ratio",
                                "Tr Cov((1−β)∇Gₖ) / Tr Cov(∇Eₖ)", false, false, List.of(), "claimed", ResultLayout.Overlay.NONE,
                                ResultLayout.Style.FINALS)), "");
    }

    @Override
    public void run(Spec<SgdmFlowSpec> spec, RunContext context) {
        SgdmFlowSpec s = spec.body();
        LogisticBatches data = LogisticBatches.small(0);
        double[] x0 = new double[data.dimension()];
        for (double beta : s.betas()) {
            double[] hs = new double[s.halvings() + 1];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = s.h0() * (1 - beta) / (1L << i);
            }
            for (boolean modified : new boolean[] {false, true}) {
                RunLabel label = RunLabel.of("check", "order", "beta", Num.format(beta), "flow", modified ? "modified G_k flow" : "x' = -grad G_k");
                RunContext.Recorder run = context.start(label, 0, hs.length);
                OrderCheck.Result r = SgdmFlow.orderCheck(LogisticBatches.small(0), x0, beta, s.horizon(), hs, modified, FlowIntegrator.tight());
                run.finish(FlowOrderKind.orderTable(r));
            }
        }
        for (double beta : s.variance().betas()) {
            RunContext.Recorder run = context.start(RunLabel.of("check", "variance", "beta", Num.format(beta), "flow", "-"), 0, 1);
            VarianceReduction.Estimate e = VarianceReduction.estimate(VarianceReduction.miniBatch(data, x0, 4), beta,
                    VarianceReduction.historyFor(beta, 1e-10), s.variance().replicates(), 0);
            MetricTable m = new MetricTable();
            m.startRow(0);
            m.put("beta", beta);
            m.put("ratio", e.ratio());
            m.put("ci_low", e.lower());
            m.put("ci_high", e.upper());
            m.put("claimed", e.claimed());
            run.finish(m);
        }
    }
}
