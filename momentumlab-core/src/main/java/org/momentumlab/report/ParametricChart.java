package org.momentumlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.Summary;

/**
 * A panel whose x axis is a metric rather than the step: each label's first run drawn as the curve
 * of (x, y) over its rows, e.g. the error of an order check against the step size h (log–log, with
 * the fitted slope in the legend) or a trajectory in the (w1, w2) plane over the curve of minima
 * w1·w2 = c (c the mean of the runs' final w1·w2).
 */
final class ParametricChart {
    private ParametricChart() {
    }

    static XYChart chart(ResultLayout.Panel panel, String title, Map<String, List<RunSeries>> groups) {
        XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                .title(title).xAxisTitle(panel.xLabel()).yAxisTitle(panel.yLabel()).build();
        c.getStyler().setXAxisLogarithmic(panel.logX());
        c.getStyler().setYAxisLogarithmic(panel.logY());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        Fonts.style(c.getStyler());
        if (panel.overlay() == ResultLayout.Overlay.PRODUCT_CURVE) {
            productCurve(c, panel, groups);
        }
        int k = 0;
        boolean trajectories = false;
        for (var e : groups.entrySet()) {
            RunSeries r = e.getValue().get(0);
            if (!r.metrics().has(panel.x()) || !r.metrics().has(panel.y())) {
                continue;
            }
            double[][] pts = finite(r.metrics().column(panel.x()), r.metrics().column(panel.y()), panel.logX(), panel.logY());
            if (pts[0].length == 0) {
                continue;
            }
            String name = e.getKey();
            if (!panel.legendMetric().isEmpty() && r.metrics().has(panel.legendMetric())) {
                name += ": " + panel.legendMetric() + " " + Num.sig(Summary.finalValue(r.metrics(), panel.legendMetric()), 3);
            }
            XYSeries s = c.addSeries(name, pts[0], pts[1]);
            Color col = FigureWriter.PALETTE[k % FigureWriter.PALETTE.length];
            s.setLineColor(col);
            s.setMarkerColor(col);
            s.setMarker(pts[0].length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineStyle(FigureWriter.stroke(k, 2f));
            k++;
            int n = pts[0].length;
            if (n > 50) { // a trajectory: mark where it starts and ends
                trajectories = true;
                endPoint(c, name + " start", pts[0][0], pts[1][0], col, SeriesMarkers.CIRCLE);
                endPoint(c, name + " end", pts[0][n - 1], pts[1][n - 1], col, SeriesMarkers.SQUARE);
            }
        }
        if (trajectories) {
            FigureWriter.note(c, "● start, ■ end of each trajectory");
        }
        double[][] refs = referenceSlopes(panel, groups);
        if (refs != null) {
            float[][] dash = {{6f, 4f}, {2f, 3f}};
            for (int order = 1; order <= 2; order++) {
                XYSeries ref = c.addSeries("slope " + order + " (reference)", refs[0], refs[order]);
                ref.setMarker(SeriesMarkers.NONE);
                ref.setLineColor(new Color(0x777777));
                ref.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, dash[order - 1], 0f));
            }
        }
        FigureWriter.axes(c);
        return c;
    }

    private static void endPoint(XYChart c, String name, double x, double y, Color col, org.knowm.xchart.style.markers.Marker marker) {
        XYSeries p = c.addSeries(name, new double[] {x}, new double[] {y});
        p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        p.setMarker(marker);
        p.setMarkerColor(col);
        p.setShowInLegend(false);
    }

    /** Whether any group has both of the panel's metrics. */
    static boolean hasData(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        return groups.values().stream().anyMatch(l -> l.get(0).metrics().has(panel.x()) && l.get(0).metrics().has(panel.y()));
    }

    /**
     * The slope-1 and slope-2 reference lines of an error-against-h panel (legend metric
     * {@code slope}, log–log): {xs, ys of slope 1, ys of slope 2} over the range of h drawn, through
     * the geometric mean of each label's error at its largest h; null for other panels or no data.
     */
    static double[][] referenceSlopes(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        if (!"slope".equals(panel.legendMetric()) || !panel.logX() || !panel.logY()) {
            return null;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double logSum = 0;
        int n = 0;
        for (List<RunSeries> runs : groups.values()) {
            RunSeries r = runs.get(0);
            if (!r.metrics().has(panel.x()) || !r.metrics().has(panel.y())) {
                continue;
            }
            double[][] pts = finite(r.metrics().column(panel.x()), r.metrics().column(panel.y()), true, true);
            int largest = -1;
            for (int i = 0; i < pts[0].length; i++) {
                lo = Math.min(lo, pts[0][i]);
                hi = Math.max(hi, pts[0][i]);
                largest = largest < 0 || pts[0][i] > pts[0][largest] ? i : largest;
            }
            if (largest >= 0) {
                logSum += Math.log(pts[1][largest]);
                n++;
            }
        }
        if (n == 0 || !(lo < hi)) {
            return null;
        }
        double anchor = Math.exp(logSum / n);
        return new double[][] {{lo, hi}, {anchor * (lo / hi), anchor}, {anchor * Math.pow(lo / hi, 2), anchor}};
    }

    /** The points (x, y) with both finite, and positive on a log axis. */
    static double[][] finite(double[] xs, double[] ys, boolean logX, boolean logY) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i]) && (!logX || xs[i] > 0) && (!logY || ys[i] > 0)) {
                keep.add(new double[] {xs[i], ys[i]});
            }
        }
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            out[0][i] = keep.get(i)[0];
            out[1][i] = keep.get(i)[1];
        }
        return out;
    }

    private static void productCurve(XYChart c, ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        double[][] p = productCurve(panel, groups);
        if (p != null) {
            XYSeries curve = c.addSeries(String.format(java.util.Locale.ROOT, "%s·%s = %.3g", panel.x(), panel.y(), p[2][0]), p[0], p[1]);
            curve.setMarker(SeriesMarkers.NONE);
            curve.setLineColor(Color.GRAY);
            curve.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    /**
     * The curve x·y = c through the runs' end points (c their mean product) over the range of x the
     * runs visit: {xs, ys, {c}}; null when there is none (no run, or c ≤ 0).
     */
    static double[][] productCurve(ResultLayout.Panel panel, Map<String, List<RunSeries>> groups) {
        double sum = 0;
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (List<RunSeries> runs : groups.values()) {
            for (RunSeries r : runs) {
                if (!r.metrics().has(panel.x()) || !r.metrics().has(panel.y())) {
                    continue;
                }
                sum += Summary.finalValue(r.metrics(), panel.x()) * Summary.finalValue(r.metrics(), panel.y());
                n++;
                for (double v : r.metrics().column(panel.x())) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, Math.abs(v));
                        hi = Math.max(hi, Math.abs(v));
                    }
                }
            }
        }
        double cst = n == 0 ? 0 : sum / n;
        if (!(cst > 0 && hi > 0)) {
            return null;
        }
        int k = 200;
        double[] xs = new double[k];
        double[] ys = new double[k];
        double a = Math.max(lo * 0.8, cst / (hi * 1.5));
        double b = hi * 1.1;
        for (int i = 0; i < k; i++) {
            xs[i] = a + (b - a) * i / (k - 1);
            ys[i] = cst / xs[i];
        }
        return new double[][] {xs, ys, {cst}};
    }
}
