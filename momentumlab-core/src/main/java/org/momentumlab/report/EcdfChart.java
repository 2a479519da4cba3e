package org.momentumlab.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.Summary;

/**
 * A {@link ResultLayout.Style#ECDF} panel: per label, the empirical distribution of the final value
 * of the panel's metric over seeds as a step curve, F(x) = #{runs with value ≤ x}/#runs. Runs
 * without a finite value (censored: the event never happened) count in #runs but never step, so the
 * curve ends at the fraction of runs that saw the event; the legend gives that fraction.
 */
final class EcdfChart {
    private EcdfChart() {
    }

    /** Whether any run has a finite final value of the panel's metric. */
    static boolean hasData(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        return groups.values().stream().flatMap(List::stream).anyMatch(r -> Double.isFinite(Summary.finalValue(r.metrics(), panel.x())));
    }

    static XYChart chart(ResultLayout.Panel panel, String title, Map<String, List<RunSeries>> groups) {
        XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                .title(title).xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        c.getStyler().setXAxisLogarithmic(panel.logX());
        FigureWriter.house(c.getStyler());
        // distribution curves rise to the right: the upper left is free for a legend in a column
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setYAxisDecimalPattern("0.0");
        c.getStyler().setYAxisTickMarkSpacingHint(60);
        int k = 0;
        for (var e : groups.entrySet()) {
            Color col = FigureWriter.PALETTE[k++ % FigureWriter.PALETTE.length];
            double[][] pts = steps(e.getValue(), panel.x(), panel.logX());
            if (pts[0].length == 0) {
                continue;
            }
            int n = e.getValue().size();
            long seen = Math.round(pts[1][pts[1].length - 1] * n);
            XYSeries s = c.addSeries(e.getKey() + " " + seen + "/" + n, pts[0], pts[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(col);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(FigureWriter.stroke(k - 1, 2f));
        }
        FigureWriter.axes(c);
        c.getStyler().setyAxisTickLabelsFormattingFunction(null); // fractions 0 … 1: the decimal pattern and spacing set above
        return c;
    }

    /** The step curve's corners: x and F(x), from (first value, 0) to (last value, fraction seen). */
    static double[][] steps(List<RunSeries> runs, String metric, boolean logX) {
        double[] v = runs.stream().mapToDouble(r -> Summary.finalValue(r.metrics(), metric))
                .filter(x -> Double.isFinite(x) && (!logX || x > 0)).sorted().toArray();
        int n = runs.size();
        double[] xs = new double[2 * v.length];
        double[] ys = new double[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            xs[2 * i] = v[i];
            ys[2 * i] = (double) i / n;
            xs[2 * i + 1] = v[i];
            ys[2 * i + 1] = (double) (i + 1) / n;
        }
        return new double[][] {xs, ys};
    }
}
