package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.momentumlab.flow.FlowIntegrator;
import org.momentumlab.flow.LogisticBatches;
import org.momentumlab.flow.OrderCheck;
import org.momentumlab.flow.SgdmFlow;
import org.momentumlab.flow.VarianceReduction;
import org.momentumlab.probe.MetricTable;

/**
 * Runs a {@link SgdmFlowSpec} on {@link LogisticBatches#small} (N = 32, d = 5, batch 4) from x0 = 0.
 * Order-check runs are named {@code logistic|beta=β|<flow>} with rows {@code h, error, slope};
 * variance runs {@code variance|beta=β} with one row: {@code ratio}, {@code ci_low}, {@code ci_high}
 * (95%, delta method) and {@code claimed} = (1−β)/(1+β).
 */
public final class SgdmFlowExperiment {
    private SgdmFlowExperiment() {
    }

    public static List<RunSeries> run(SgdmFlowSpec spec, ExperimentListener listener) {
        List<RunSeries> out = new ArrayList<>();
        int total = spec.betas().size() * 2 + spec.varianceBetas().size();
        int index = 0;
        LogisticBatches data = LogisticBatches.small(0);
        double[] x0 = new double[data.dimension()];
        for (double beta : spec.betas()) {
            double[] hs = new double[spec.halvings() + 1];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = spec.h0() * (1 - beta) / (1L << i);
            }
            for (boolean modified : new boolean[] {false, true}) {
                String label = "logistic|beta=" + Num.format(beta) + "|" + (modified ? "modified G_k flow" : "x' = -grad G_k");
                listener.runStarted(index++, total, label, 0, hs.length);
                OrderCheck.Result r = SgdmFlow.orderCheck(LogisticBatches.small(0), x0, beta, spec.horizon(), hs, modified, FlowIntegrator.tight());
                FlowOrderExperiment.finish(out, listener, label, FlowOrderExperiment.orderTable(r));
            }
        }
        for (double beta : spec.varianceBetas()) {
            String label = "variance|beta=" + Num.format(beta);
            listener.runStarted(index++, total, label, 0, 1);
            VarianceReduction.Estimate e = VarianceReduction.estimate(VarianceReduction.miniBatch(data, x0, 4), beta,
                    VarianceReduction.historyFor(beta, 1e-10), spec.replicates(), 0);
            MetricTable m = new MetricTable();
            m.startRow(0);
            m.put("ratio", e.ratio());
            m.put("ci_low", e.lower());
            m.put("ci_high", e.upper());
            m.put("claimed", e.claimed());
            FlowOrderExperiment.finish(out, listener, label, m);
        }
        return out;
    }
}
