package org.momentumlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.RunSeries;

/**
 * Draws metric-over-steps panels with XChart: per optimizer, the mean over seeds as a line and the
 * min–max band over seeds as a shaded area; writes each panel and a grid of all panels as PNG and
 * SVG (SVG through VectorGraphics2D). All text is drawn with the shipped font ({@link Fonts}), so
 * figures draw on hosts without fonts.
 */
public final class FigureWriter {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    static final int WIDTH = 560;
    static final int HEIGHT = 420;

    /** The metric holding a run's stability limit, drawn by {@link ResultLayout.Overlay#STABILITY_LIMIT}. */
    static final String STABILITY_LIMIT = "stability_limit";

    private FigureWriter() {
    }

    /** Builds the chart of a panel over steps; {@code runs} are grouped by the name of their label in the legend. */
    public static XYChart chart(ResultLayout.Panel panel, String title, Map<String, List<RunSeries>> runs) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(panel.xLabel())
                .yAxisTitle(panel.yLabel()).build();
        c.getStyler().setYAxisLogarithmic(panel.logY());
        c.getStyler().setXAxisLogarithmic(panel.logX());
        house(c.getStyler());
        int k = 0;
        boolean any = false;
        for (var e : runs.entrySet()) {
            Color col = PALETTE[k++ % PALETTE.length];
            SeedBand b = SeedBand.of(e.getValue(), panel.y());
            boolean median = panel.style() == ResultLayout.Style.MEDIAN_IQR;
            double[][] pts = median ? finite(b.steps(), b.median(), b.q1(), b.q3(), panel.logY(), panel.logX())
                    : finite(b.steps(), b.mean(), b.min(), b.max(), panel.logY(), panel.logX());
            if (pts[0].length == 0) {
                continue;
            }
            any = true;
            if (e.getValue().size() > 1) {
                double[] xs = new double[2 * pts[0].length];
                double[] ys = new double[xs.length];
                int n = pts[0].length;
                for (int i = 0; i < n; i++) {
                    xs[i] = pts[0][i];
                    ys[i] = pts[2][i];
                    xs[2 * n - 1 - i] = pts[0][i];
                    ys[2 * n - 1 - i] = pts[3][i];
                }
                XYSeries band = c.addSeries(e.getKey() + (median ? " (interquartile range over " : " (min-max over ") + e.getValue().size() + " seeds)", xs, ys);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 60));
                band.setLineColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            // a median panel says so in its title; its legend stays short enough for five labels in a row
            XYSeries line = c.addSeries(e.getKey() + (e.getValue().size() > 1 && !median ? " (mean of " + e.getValue().size() + " seeds)" : ""), pts[0], pts[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(col);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineWidth(2f);
        }
        if (panel.overlay() == ResultLayout.Overlay.STABILITY_LIMIT) {
            addStabilityLines(c, runs, panel.logX());
        }
        if (panel.logY() && any) {
            double top = 0;
            for (XYSeries sr : c.getSeriesMap().values()) {
                for (double v : sr.getYData()) {
                    top = Math.max(top, v);
                }
            }
            c.getStyler().setYAxisMin(Math.max(minPositive(c), top * 1e-16)); // below double precision is noise
        }
        if (!any) {
            c.addSeries("no data", new double[] {0}, new double[] {panel.logY() ? 1 : 0}).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** The house style of a panel: white background, light grid, legend in a row below, the shipped font at fixed sizes. */
    static void house(org.knowm.xchart.style.XYStyler st) {
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        Fonts.style(st);
        st.setChartTitleFont(Fonts.bold(15));
        st.setAxisTitleFont(Fonts.regular(13));
        st.setLegendFont(Fonts.regular(12));
        st.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        st.setXAxisDecimalPattern("#,###");
    }

    /** Dashed horizontal lines at each optimizer's stability limit (metric stability_limit), if recorded. */
    private static void addStabilityLines(XYChart c, Map<String, List<RunSeries>> runs, boolean logX) {
        double top = 0;
        for (XYSeries sr : c.getSeriesMap().values()) {
            for (double v : sr.getYData()) {
                top = Math.max(top, v);
            }
        }
        int k = 0;
        for (var e : runs.entrySet()) {
            Color col = PALETTE[k++ % PALETTE.length];
            RunSeries r = e.getValue().get(0);
            if (!r.metrics().has(STABILITY_LIMIT) || r.metrics().rows() == 0) {
                continue;
            }
            long[] steps = r.metrics().steps();
            double x0 = logX ? Math.max(1, steps[0]) : steps[0];
            double x1 = Math.max(x0 + 1, steps[steps.length - 1]);
            double lim = org.momentumlab.experiment.rundir.Summary.finalValue(r.metrics(), STABILITY_LIMIT);
            if (lim > 5 * top) {
                continue; // far above the curves: drawing it would flatten them
            }
            XYSeries s = c.addSeries(e.getKey() + " limit " + org.momentumlab.experiment.Num.sig(lim, 3), new double[] {x0, x1}, new double[] {lim, lim});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    private static double minPositive(XYChart c) {
        double min = Double.POSITIVE_INFINITY;
        for (XYSeries sr : c.getSeriesMap().values()) {
            for (double v : sr.getYData()) {
                if (v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        return min;
    }

    /** Rows: x, centre, low, high, keeping finite points (and positive ones on a log axis). */
    private static double[][] finite(double[] steps, double[] centre, double[] low, double[] high, boolean log, boolean logX) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            double lo = low[i];
            double m = centre[i];
            double hi = high[i];
            if (Double.isFinite(m) && (!log || lo > 0) && (!logX || steps[i] > 0)) {
                keep.add(new double[] {steps[i], m, lo, hi});
            }
        }
        double[][] out = new double[4][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            for (int r = 0; r < 4; r++) {
                out[r][i] = keep.get(i)[r];
            }
        }
        return out;
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg} of a grid of charts, {@code columns} wide. */
    public static void writeGrid(List<XYChart> charts, int columns, Path dir, String name) throws IOException {
        writeGridOf(new ArrayList<>(charts), columns, dir, name);
    }

    /**
     * As {@link #writeGrid}, for charts of any kind. Every chart's styler is first put on the shipped
     * font ({@link Fonts#style}, keeping sizes), and so are both canvases, so no text goes through
     * the host's fonts.
     */
    public static void writeGridOf(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int columns, Path dir, String name)
            throws IOException {
        byte[][] files = render(charts, columns);
        AtomicFiles.write(dir.resolve(name + ".png"), files[0]);
        AtomicFiles.write(dir.resolve(name + ".svg"), files[1]);
    }

    /** The PNG and SVG bytes of a grid of charts, {@code columns} wide. */
    static byte[][] render(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int columns) throws IOException {
        for (var chart : charts) {
            Fonts.style(chart.getStyler());
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int w = cols * WIDTH;
        int h = rows * HEIGHT;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Fonts.apply(img.createGraphics());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        paintGrid(g, charts, cols);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        VectorGraphics2D vg = Fonts.apply(new VectorGraphics2D());
        paintGrid(vg, charts, cols);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, w, h)).writeTo(svg);
        return new byte[][] {png.toByteArray(), svg.toByteArray()};
    }

    private static void paintGrid(Graphics2D g, List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int cols) {
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D sub = (Graphics2D) g.create((i % cols) * WIDTH, (i / cols) * HEIGHT, WIDTH, HEIGHT);
            charts.get(i).paint(sub, WIDTH, HEIGHT);
            sub.dispose();
        }
    }
}
