package org.momentumlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
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
 * min–max band over seeds as a shaded area; writes each panel and a grid of all panels as PNG, SVG
 * and PDF (the vector files through VectorGraphics2D). All text is drawn with the shipped font
 * ({@link Fonts}), so figures draw on hosts without fonts.
 *
 * <p>One style for every figure: a label keeps its colour (and its dash pattern, so curves that
 * coincide stay visible) in every panel of a figure; where the panels of a file share their legend
 * it is drawn once, under the panels, with what the lines and bands mean; log axes label their
 * decades as 1E-4, linear axes use plain decimals ({@link #axes}).
 */
public final class FigureWriter {
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    static final int WIDTH = 560;
    static final int HEIGHT = 420;
    /** Height of the legend strip under the panels of a file whose panels share their legend. */
    static final int STRIP = 44;
    /** Dash patterns by label index (solid first): coinciding curves of different labels stay visible. */
    static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}, {4f, 4f}, {12f, 4f}};
    /** What the lines and bands of a chart mean, said once in its file's legend strip. */
    private static final Map<Object, String> NOTES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Says what a chart's lines and bands mean (in the legend strip of every file that draws it). */
    static void note(Object chart, String note) {
        NOTES.put(chart, note);
    }

    /** The stroke of the k-th label: 2 px, solid or dashed. */
    static java.awt.BasicStroke stroke(int k, float width) {
        float[] dash = DASHES[k % DASHES.length];
        return dash == null ? new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND)
                : new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** A tick label of a linear axis: plain decimals for 1e-3 ≤ |v| &lt; 1e5 (and 0), else 1.5E-4 as on log axes. */
    static String tick(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            java.math.BigDecimal b = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
            String t = b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
            return t.replace('-', '−');
        }
        String d = decade(Math.log10(a));
        return v < 0 ? "−" + d : d;
    }

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
        int seeds = 0;
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
            XYSeries line = c.addSeries(e.getKey(), pts[0], pts[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(col);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineStyle(stroke(k - 1, 2f));
            seeds = Math.max(seeds, e.getValue().size());
        }
        if (panel.overlay() == ResultLayout.Overlay.STABILITY_LIMIT) {
            addStabilityLines(c, runs, panel.logX());
        }
        boolean median = panel.style() == ResultLayout.Style.MEDIAN_IQR;
        note(c, seeds <= 1 ? "one seed" : (median ? "lines: median over " + seeds + " seeds; bands: interquartile range"
                : "lines: mean over " + seeds + " seeds; bands: min–max over seeds"));
        if (panel.logY() && any) {
            double top = 0;
            for (XYSeries sr : c.getSeriesMap().values()) {
                for (double v : sr.getYData()) {
                    top = Math.max(top, v);
                }
            }
            c.getStyler().setYAxisMin(Math.max(minPositive(c), top * 1e-60)); // down to the smallest value, at most 60 decades below the top
        }
        if (!any) {
            c.addSeries("no data", new double[] {0}, new double[] {panel.logY() ? 1 : 0}).setMarker(SeriesMarkers.NONE);
        }
        axes(c);
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
        st.setXAxisTickMarkSpacingHint(90);
    }

    /**
     * One tick notation for every figure, applied once a chart has all its series: linear axes in
     * plain decimals ({@link #tick}); a log axis is drawn as log10 of the values on a linear axis
     * labelled 1E-4 at the decades ({@link #decade}), so that its ticks are spaced like any axis's
     * (XChart's own log axis labels every decade, which overlap over thirty decades, and only the
     * decades, which leaves one label on an axis shorter than one).
     */
    static void axes(XYChart c) {
        org.knowm.xchart.style.XYStyler st = c.getStyler();
        boolean lx = st.isXAxisLogarithmic();
        boolean ly = st.isYAxisLogarithmic();
        if (lx || ly) {
            for (XYSeries sr : new ArrayList<>(c.getSeriesMap().values())) {
                c.updateXYSeries(sr.getName(), lx ? log10(sr.getXData()) : sr.getXData(), ly ? log10(sr.getYData()) : sr.getYData(), null);
            }
        }
        if (ly) {
            st.setYAxisLogarithmic(false);
            if (st.getYAxisMin() != null) {
                st.setYAxisMin(Math.log10(st.getYAxisMin()));
            }
            if (st.getYAxisMax() != null) {
                st.setYAxisMax(Math.log10(st.getYAxisMax()));
            }
            st.setyAxisTickLabelsFormattingFunction(FigureWriter::decade);
        } else {
            st.setyAxisTickLabelsFormattingFunction(FigureWriter::tick);
        }
        if (lx) {
            st.setXAxisLogarithmic(false);
            if (st.getXAxisMin() != null) {
                st.setXAxisMin(Math.log10(st.getXAxisMin()));
            }
            if (st.getXAxisMax() != null) {
                st.setXAxisMax(Math.log10(st.getXAxisMax()));
            }
            st.setxAxisTickLabelsFormattingFunction(FigureWriter::decade);
        } else {
            st.setxAxisTickLabelsFormattingFunction(FigureWriter::tick);
        }
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }

    /** The label of a tick at log10 value v: 1E-4 at a decade, else the value with two digits, 2.5E-4. */
    static String decade(double v) {
        double r = Math.rint(v);
        if (Math.abs(v - r) < 1e-9) {
            return "1E" + (long) r;
        }
        double e = Math.floor(v);
        double m = Math.pow(10, v - e);
        String ms = org.momentumlab.experiment.Num.sig(m, 2);
        if (ms.equals("10")) {
            return "1E" + (long) (e + 1);
        }
        return ms + "E" + (long) e;
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

    /** Writes {@code dir/name.png}, {@code .svg} and {@code .pdf} of a grid of charts, {@code columns} wide. */
    public static void writeGrid(List<XYChart> charts, int columns, Path dir, String name) throws IOException {
        writeGridOf(new ArrayList<>(charts), columns, dir, name);
    }

    /**
     * As {@link #writeGrid}, for charts of any kind. Every chart's styler is first put on the shipped
     * font ({@link Fonts#style}, keeping sizes), and so are all canvases, so no text goes through
     * the host's fonts.
     */
    public static void writeGridOf(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int columns, Path dir, String name)
            throws IOException {
        byte[][] files = render(charts, columns);
        AtomicFiles.write(dir.resolve(name + ".png"), files[0]);
        AtomicFiles.write(dir.resolve(name + ".svg"), files[1]);
        AtomicFiles.write(dir.resolve(name + ".pdf"), files[2]);
    }

    /** One entry of a legend strip: a label, its colour and its stroke. */
    record Entry(String name, Color color, java.awt.Stroke stroke) {
    }

    /**
     * The legend the charts share, or null: every chart an XY chart with the same legend entries
     * (names, in order), with at least one entry. Such charts draw no legend of their own; the file
     * draws it once, under the panels, with the charts' notes.
     */
    static List<Entry> sharedLegend(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts) {
        List<Entry> first = null;
        for (var chart : charts) {
            if (!chart.getStyler().isLegendVisible()) {
                return null;
            }
            List<Entry> e = new ArrayList<>();
            if (chart instanceof XYChart c) {
                for (XYSeries sr : c.getSeriesMap().values()) {
                    if (sr.isShowInLegend()) {
                        boolean line = sr.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter; // null: the chart's default, lines
                        java.awt.Stroke st = sr.getLineStyle() != null ? sr.getLineStyle() : new java.awt.BasicStroke(2f);
                        e.add(new Entry(sr.getName(), line ? sr.getLineColor() : sr.getMarkerColor(), line ? st : null));
                    }
                }
            } else if (chart instanceof org.knowm.xchart.CategoryChart c) {
                c.getSeriesMap().values().forEach(sr -> e.add(new Entry(sr.getName(), sr.getFillColor(), null)));
            } else {
                return null;
            }
            if (e.isEmpty() || (first != null && !first.stream().map(Entry::name).toList().equals(e.stream().map(Entry::name).toList()))) {
                return null;
            }
            first = first == null ? e : first;
        }
        return first;
    }

    /** The PNG, SVG and PDF bytes of a grid of charts, {@code columns} wide. */
    static byte[][] render(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int columns) throws IOException {
        for (var chart : charts) {
            Fonts.style(chart.getStyler());
        }
        List<Entry> legend = sharedLegend(charts);
        List<String> notes = new ArrayList<>();
        for (var chart : charts) {
            if (legend != null) {
                chart.getStyler().setLegendVisible(false);
            }
            String n = NOTES.get(chart);
            if (n != null && !notes.contains(n)) {
                notes.add(n);
            }
        }
        boolean strip = legend != null || !notes.isEmpty();
        try {
            int cols = Math.min(columns, charts.size());
            int rows = (charts.size() + cols - 1) / cols;
            int w = cols * WIDTH;
            int h = rows * HEIGHT + (strip ? STRIP : 0);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = Fonts.apply(img.createGraphics());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            paintGrid(g, charts, cols, legend, notes, w, rows * HEIGHT);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            VectorGraphics2D vg = Fonts.apply(new VectorGraphics2D());
            vg.setColor(Color.WHITE);
            vg.fillRect(0, 0, w, h);
            paintGrid(vg, charts, cols, legend, notes, w, rows * HEIGHT);
            PageSize page = new PageSize(0, 0, w, h);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            new SVGProcessor().getDocument(vg.getCommands(), page).writeTo(svg);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            new PDFProcessor(true).getDocument(vg.getCommands(), page).writeTo(pdf);
            return new byte[][] {png.toByteArray(), compactSvg(svg.toString(java.nio.charset.StandardCharsets.UTF_8)), pdf.toByteArray()};
        } finally {
            if (legend != null) {
                charts.forEach(c -> c.getStyler().setLegendVisible(true)); // a chart drawn again elsewhere (the grid) decides anew
            }
        }
    }

    /**
     * The SVG with coordinates cut to 1/100 px (they carry up to 11 decimals, mostly in the glyph
     * outlines of the text: the file shrinks by about 40 %, nothing visible changes).
     */
    static byte[] compactSvg(String svg) {
        return svg.replaceAll("(\\d\\.\\d{2})\\d+", "$1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void paintGrid(Graphics2D g, List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts, int cols,
            List<Entry> legend, List<String> notes, int w, int top) {
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D sub = (Graphics2D) g.create((i % cols) * WIDTH, (i / cols) * HEIGHT, WIDTH, HEIGHT);
            charts.get(i).paint(sub, WIDTH, HEIGHT);
            sub.dispose();
        }
        if (legend != null || !notes.isEmpty()) {
            paintLegend(g, legend == null ? List.of() : legend, notes, w, top);
        }
    }

    /** The shared legend: one row of entries (a stroke sample and the name), centred, the notes after them or on a second row. */
    private static void paintLegend(Graphics2D g, List<Entry> legend, List<String> notes, int w, int top) {
        java.awt.Font font = Fonts.regular(13);
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        int sample = 30;
        int gap = 22;
        double width = 0;
        for (Entry e : legend) {
            width += sample + 6 + font.getStringBounds(e.name(), frc).getWidth() + gap;
        }
        String noteText = String.join("; ", notes);
        double noteWidth = noteText.isEmpty() ? 0 : font.getStringBounds(noteText, frc).getWidth();
        boolean oneRow = width + noteWidth <= w - 16;
        double x = Math.max(8, (w - width - (oneRow ? noteWidth : 0)) / 2);
        double y = oneRow || noteText.isEmpty() ? top + STRIP / 2.0 : top + 13;
        Graphics2D l = (Graphics2D) g.create();
        l.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (Entry e : legend) {
            l.setColor(e.color() == null ? Color.BLACK : e.color());
            if (e.stroke() != null) {
                l.setStroke(e.stroke());
                l.draw(new java.awt.geom.Line2D.Double(x, y, x + sample, y));
            } else {
                l.fill(new java.awt.geom.Rectangle2D.Double(x + sample / 2.0 - 6, y - 6, 12, 12));
            }
            x += sample + 6;
            l.setColor(Color.BLACK);
            l.fill(font.createGlyphVector(frc, e.name()).getOutline((float) x, (float) (y + 5)));
            x += font.getStringBounds(e.name(), frc).getWidth() + gap;
        }
        if (!noteText.isEmpty()) {
            l.setColor(new Color(0x444444));
            float nx = (float) (oneRow ? x : Math.max(8, (w - noteWidth) / 2));
            float ny = (float) (oneRow ? y + 5 : top + 36);
            l.fill(font.createGlyphVector(frc, noteText).getOutline(nx, ny));
        }
        l.dispose();
    }
}
