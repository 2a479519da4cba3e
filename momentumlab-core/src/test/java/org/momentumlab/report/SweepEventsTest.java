package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweep aggregation of event times (NaN = never happened): censored medians, events/runs, quoted list-valued fields. */
class SweepEventsTest {

    static List<SweepReport.Group> groups() {
        List<SweepReport.Row> rows = new ArrayList<>();
        double[][] times = {{1, 2, 3, Double.NaN}, {5, Double.NaN, Double.NaN, Double.NaN}};
        String[] labels = {"sgd", "sgdm"};
        for (int l = 0; l < 2; l++) {
            for (int s = 0; s < 4; s++) {
                rows.add(new SweepReport.Row(Map.of("saddle.variances", "[0.1,0.01]"), labels[l], s,
                        Map.of("escape_step", times[l][s])));
            }
        }
        return SweepReport.aggregate(rows);
    }

    @Test
    void pivotShowsCensoredMediansWithEventsOverRuns() {
        List<String[]> t = SweepReport.pivot(groups(), "saddle.variances", null, "escape_step", false, true);
        assertEquals("2.5 (3/4) / not reached (1/4)", t.get(1)[1]);
        // as a plain metric the same values are a mean over the finite ones
        assertEquals("2 ± 1 / 5", SweepReport.pivot(groups(), "saddle.variances", null, "escape_step", false, false).get(1)[1]);
    }

    @Test
    void csvQuotesListValuesAndGivesTheCensoredMedian() {
        String csv = SweepReport.csv(groups(), List.of("saddle.variances"), "optimizer", List.of("escape_step"));
        List<String> lines = csv.lines().toList();
        assertEquals("saddle.variances,optimizer,metric,mean,std,min,max,count,median", lines.get(0));
        assertEquals("\"[0.1,0.01]\",sgd,escape_step,2.0,1.0,1.0,3.0,3,2.5", lines.get(1));
        assertEquals("\"[0.1,0.01]\",sgdm,escape_step,5.0,0.0,5.0,5.0,1,inf", lines.get(2));
        // not an event metric: the median of the finite values
        String plain = SweepReport.csv(groups(), List.of("saddle.variances"), "optimizer", List.of());
        assertEquals("\"[0.1,0.01]\",sgdm,escape_step,5.0,0.0,5.0,5.0,1,5.0", plain.lines().toList().get(2));
    }
}
