package org.momentumlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
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
 * A {@link ResultLayout.Style#FINALS} panel: one point per label, the final values of the panel's x
 * and y metrics, joined in increasing x (e.g. the variance ratio of SGD+M's historical gradients
 * against β), with the {@code legendMetric} drawn as a dashed reference curve.
 */
final class FinalsChart {
    private FinalsChart() {
    }

    /** The points (x, y, reference) of the labels that have both final values, in increasing x. */
    static double[][] points(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        List<double[]> pts = new ArrayList<>();
        for (List<RunSeries> runs : groups.values()) {
            RunSeries r = runs.get(0);
            if (r.metrics().has(panel.x()) && r.metrics().has(panel.y())) {
                double x = Summary.finalValue(r.metrics(), panel.x());
                double y = Summary.finalValue(r.metrics(), panel.y());
                double ref = !panel.legendMetric().isEmpty() && r.metrics().has(panel.legendMetric())
                        ? Summary.finalValue(r.metrics(), panel.legendMetric()) : Double.NaN;
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    pts.add(new double[] {x, y, ref});
                }
            }
        }
        pts.sort(Comparator.comparingDouble(p -> p[0]));
        double[][] out = new double[3][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            for (int k = 0; k < 3; k++) {
                out[k][i] = pts.get(i)[k];
            }
        }
        return out;
    }

    static boolean hasData(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        return points(panel, groups)[0].length > 0;
    }

    static XYChart chart(ResultLayout.Panel panel, String title, Map<String, List<RunSeries>> groups) {
        XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                .title(title).xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        c.getStyler().setXAxisLogarithmic(panel.logX());
        c.getStyler().setYAxisLogarithmic(panel.logY());
        FigureWriter.house(c.getStyler());
        double[][] p = points(panel, groups);
        XYSeries s = c.addSeries("measured " + panel.y(), p[0], p[1]);
        s.setLineColor(FigureWriter.PALETTE[0]);
        s.setMarkerColor(FigureWriter.PALETTE[0]);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(FigureWriter.stroke(0, 2f));
        if (java.util.Arrays.stream(p[2]).allMatch(Double::isFinite)) {
            XYSeries ref = c.addSeries(panel.legendMetric(), p[0], p[2]);
            ref.setLineColor(Color.BLACK);
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineStyle(FigureWriter.stroke(1, 1.5f));
        }
        FigureWriter.note(c, "one point per label: its final values");
        FigureWriter.axes(c);
        return c;
    }
}
