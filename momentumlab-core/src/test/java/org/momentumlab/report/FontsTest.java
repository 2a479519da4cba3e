package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.probe.MetricTable;

class FontsTest {

    /** Every font slot of {@code styler}: each public no-argument getter that returns a Font, by name. */
    private static Map<String, Font> slots(Styler styler) throws Exception {
        Map<String, Font> out = new TreeMap<>();
        for (Method m : styler.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() == Font.class) {
                out.put(m.getName(), (Font) m.invoke(styler));
            }
        }
        return out;
    }

    private static void assertAllShipped(Styler styler) throws Exception {
        Map<String, Font> slots = slots(styler);
        assertTrue(slots.size() >= 9, "font slots found: " + slots.keySet());
        slots.forEach((slot, font) -> {
            assertEquals(Fonts.FAMILY, font.getFamily(), slot);
            assertEquals(font.isBold() ? "DejaVu Sans Bold" : "DejaVu Sans", font.getFontName(), slot);
        });
    }

    private static RunSeries run(String optimizer, String[] metrics, double[][] rows) {
        MetricTable t = new MetricTable();
        for (int i = 0; i < rows.length; i++) {
            t.startRow(i + 1);
            for (int k = 0; k < metrics.length; k++) {
                t.put(metrics[k], rows[i][k]);
            }
        }
        return new RunSeries(org.momentumlab.experiment.RunLabel.of("optimizer", optimizer), 0, t, null);
    }

    @Test
    void shippedFacesAreDejaVuSansRegularAndBold() {
        Font regular = Fonts.regular(12);
        assertEquals("DejaVu Sans", Fonts.FAMILY);
        assertEquals(Fonts.FAMILY, regular.getFamily());
        assertEquals("DejaVu Sans", regular.getFontName());
        assertEquals(12f, regular.getSize2D());
        assertFalse(regular.isBold());
        Font bold = Fonts.bold(15);
        assertEquals(Fonts.FAMILY, bold.getFamily());
        assertEquals("DejaVu Sans Bold", bold.getFontName());
        assertEquals(15f, bold.getSize2D());
        assertTrue(bold.isBold());
        assertTrue(regular.canDisplayUpTo("β·–≈ w1·w2 = c, O(h^2), 1E-4") < 0, "glyphs the figures use");
    }

    @Test
    void likeKeepsSizeAndStyle() {
        Font bold = Fonts.like(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        assertEquals("DejaVu Sans Bold", bold.getFontName());
        assertEquals(11f, bold.getSize2D());
        Font italic = Fonts.like(new Font(Font.MONOSPACED, Font.ITALIC, 9));
        assertEquals("DejaVu Sans", italic.getFontName());
        assertEquals(Font.ITALIC, italic.getStyle());
        assertEquals(9f, italic.getSize2D());
    }

    @Test
    void styleFillsEverySlotOfXyAndCategoryStylersKeepingSizes() throws Exception {
        for (Styler styler : List.<Styler>of(new XYChartBuilder().build().getStyler(), new CategoryChartBuilder().build().getStyler())) {
            Map<String, Font> before = slots(styler);
            assertTrue(before.values().stream().noneMatch(f -> f.getName().equals(Fonts.FAMILY)), "XChart's defaults are logical fonts");
            Fonts.style(styler);
            assertAllShipped(styler);
            Map<String, Font> after = slots(styler);
            before.forEach((slot, f) -> {
                assertEquals(f.getSize2D(), after.get(slot).getSize2D(), slot);
                assertEquals(f.getStyle(), after.get(slot).getStyle(), slot);
            });
        }
    }

    @Test
    void everyChartOfTheReportsUsesTheShippedFont() throws Exception {
        RunSeries a = run("gd", new String[] {"train_loss", "w1", "w2"}, new double[][] {{1, 2, 0.5}, {0.1, 1.5, 0.6}, {0.01, 1.2, 0.8}});
        RunSeries b = run("hb", new String[] {"train_loss", "w1", "w2"}, new double[][] {{1, 2, 0.5}, {0.2, 1.4, 0.7}, {0.02, 1.1, 0.9}});
        Map<String, List<RunSeries>> groups = Map.of("gd", List.of(a), "hb", List.of(b));
        XYChart metric = FigureWriter.chart(ResultLayout.Panel.overSteps("train_loss", "Training loss", "train_loss", "loss", true),
                "Training loss", groups);
        assertAllShipped(metric.getStyler());
        assertEquals(Fonts.bold(15), metric.getStyler().getChartTitleFont());
        assertEquals(Fonts.regular(13), metric.getStyler().getAxisTitleFont());
        assertEquals(Fonts.regular(12), metric.getStyler().getLegendFont());
        ResultLayout.Panel trajectory = new ResultLayout.Panel("t", "Trajectories", "w1", "w1", "w2", "w2", false, false, List.of(), "",
                ResultLayout.Overlay.PRODUCT_CURVE);
        assertAllShipped(ParametricChart.chart(trajectory, "Trajectories", groups).getStyler());
        RunSeries order = run("toy", new String[] {"h", "error", "slope"}, new double[][] {{0.1, 0.01, 1}, {0.05, 0.005, 1}});
        ResultLayout.Panel orderPanel = new ResultLayout.Panel("o", "Order", "h", "h", "error", "error", true, true, List.of(), "slope",
                ResultLayout.Overlay.NONE);
        assertAllShipped(ParametricChart.chart(orderPanel, "Order", Map.of("toy", List.of(order))).getStyler());
    }

    @Test
    void writeGridOfDrawsAnyChartWithTheShippedFont(@TempDir Path dir) throws Exception {
        CategoryChart bars = new CategoryChartBuilder().width(100).height(100).title("bars").xAxisTitle("x").yAxisTitle("y").build();
        bars.addSeries("gd", List.of("a", "b"), List.of(1.0, 2.0));
        XYChart lines = new XYChartBuilder().title("lines").build();
        lines.addSeries("gd", new double[] {1, 2}, new double[] {3, 4});
        List<Chart<?, ?>> charts = List.of(bars, lines);
        FigureWriter.writeGridOf(charts, 2, dir, "grid");
        assertAllShipped(bars.getStyler());
        assertAllShipped(lines.getStyler());
        BufferedImage png = ImageIO.read(dir.resolve("grid.png").toFile());
        assertEquals(2 * FigureWriter.WIDTH, png.getWidth());
        // both panels' legend is "gd": drawn once, in a strip under the panels
        assertEquals(FigureWriter.HEIGHT + FigureWriter.STRIP, png.getHeight());
        String svg = Files.readString(dir.resolve("grid.svg"));
        assertTrue(svg.contains("<path"));
        assertFalse(svg.contains("<text"), "text is drawn as glyph outlines, not as text in a font");
        assertFalse(svg.matches("(?s).*\\d\\.\\d{3}.*"), "coordinates are cut to two decimals");
        byte[] pdf = Files.readAllBytes(dir.resolve("grid.pdf"));
        assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(bars.getStyler().isLegendVisible() && lines.getStyler().isLegendVisible(), "each chart's own legend is back for its next drawing");

        // different legends: each panel keeps its own, no strip
        XYChart other = new XYChartBuilder().title("other").build();
        other.addSeries("gdm", new double[] {1, 2}, new double[] {3, 4});
        FigureWriter.writeGridOf(List.of(lines, other), 2, dir, "mixed");
        assertEquals(FigureWriter.HEIGHT, ImageIO.read(dir.resolve("mixed.png").toFile()).getHeight());
    }

    @Test
    void tickLabelsUseOneNotation() {
        assertEquals("1E-4", FigureWriter.decade(-4));
        assertEquals("1E0", FigureWriter.decade(0));
        assertEquals("2.5E-4", FigureWriter.decade(Math.log10(2.5e-4)));
        assertEquals("1E3", FigureWriter.decade(Math.log10(999.9999)));
        assertEquals("0.001", FigureWriter.tick(1e-3));
        assertEquals("0.15", FigureWriter.tick(0.15));
        assertEquals("1,200".replace(",", ""), FigureWriter.tick(1200));
        assertEquals("−0.5", FigureWriter.tick(-0.5));
    }
}
