package org.momentumlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.RunSeries;

/**
 * Trajectories of two-parameter runs in the (w1, w2) plane over the curve of minima w1·w2 = c, with
 * c the mean of the runs' final w1·w2 (for the toy of Ghosh et al. every run ends on that curve).
 */
final class TrajectoryChart {
    private TrajectoryChart() {
    }

    static XYChart chart(Map<String, List<RunSeries>> groups) {
        XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                .title("Trajectories over the minima w1·w2 = c").xAxisTitle("w1").yAxisTitle("w2").build();
        Fonts.style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        double sum = 0;
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (List<RunSeries> runs : groups.values()) {
            for (RunSeries r : runs) {
                double[] w1 = r.metrics().column("w1");
                sum += r.metrics().last("w1") * r.metrics().last("w2");
                n++;
                for (double v : w1) {
                    lo = Math.min(lo, Math.abs(v));
                    hi = Math.max(hi, Math.abs(v));
                }
            }
        }
        double cst = sum / n;
        if (cst > 0 && hi > 0) {
            int k = 200;
            double[] xs = new double[k];
            double[] ys = new double[k];
            double a = Math.max(lo * 0.8, cst / (hi * 1.5));
            double b = hi * 1.1;
            for (int i = 0; i < k; i++) {
                xs[i] = a + (b - a) * i / (k - 1);
                ys[i] = cst / xs[i];
            }
            XYSeries curve = c.addSeries(String.format(java.util.Locale.ROOT, "w1·w2 = %.3g", cst), xs, ys);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineColor(Color.GRAY);
            curve.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        int k = 0;
        for (var e : groups.entrySet()) {
            RunSeries r = e.getValue().get(0);
            XYSeries s = c.addSeries(e.getKey(), r.metrics().column("w1"), r.metrics().column("w2"));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(FigureWriter.PALETTE[k++ % FigureWriter.PALETTE.length]);
            s.setLineWidth(2f);
        }
        return c;
    }
}
