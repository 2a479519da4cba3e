package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.probe.MetricTable;

/** The ECDF of final values (censored runs never step) and the median / quartile band over seeds. */
class EcdfAndBandTest {

    static List<RunSeries> runs(double[][] valuesPerRun) {
        List<RunSeries> out = new ArrayList<>();
        for (int k = 0; k < valuesPerRun.length; k++) {
            MetricTable t = new MetricTable();
            for (int row = 0; row < valuesPerRun[k].length; row++) {
                t.startRow(10L * row);
                t.put("m", valuesPerRun[k][row]);
            }
            out.add(new RunSeries(RunLabel.of("optimizer", "a"), k, t, null));
        }
        return out;
    }

    @Test
    void ecdfStepsUpAtEachFiniteFinalValueAndEndsAtTheObservedFraction() {
        List<RunSeries> r = runs(new double[][] {{3}, {1}, {Double.NaN}, {2}});
        double[][] pts = EcdfChart.steps(r, "m", false);
        assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3}, pts[0]);
        assertArrayEquals(new double[] {0, 0.25, 0.25, 0.5, 0.5, 0.75}, pts[1]);
    }

    @Test
    void bandHasTypeSevenMedianAndQuartilesOfTheFiniteValuesPerStep() {
        List<RunSeries> r = runs(new double[][] {{1, 10}, {2, 20}, {3, Double.NaN}, {4, 40}});
        SeedBand b = SeedBand.of(r, "m");
        assertArrayEquals(new double[] {0, 10}, b.steps());
        assertArrayEquals(new double[] {2.5, 20}, b.median());
        assertArrayEquals(new double[] {1.75, 15}, b.q1());
        assertArrayEquals(new double[] {3.25, 30}, b.q3());
    }
}
