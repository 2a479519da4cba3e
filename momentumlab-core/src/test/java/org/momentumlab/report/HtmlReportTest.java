package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.probe.MetricTable;

/** The page's data: decimation keeps extremes, bands and seeds as recorded, the size of a long 5-seed run, no network in the page. */
class HtmlReportTest {

    @Test
    void decimationKeepsEveryBucketsExtremesAndEnds() {
        int n = 10_000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i / 300.0);
        }
        y[4321] = 50; // a spike
        y[7777] = -50; // a dip
        int[] idx = HtmlReport.decimate(n, 300, y);
        assertTrue(idx.length <= 300 && idx.length > 100, "kept " + idx.length);
        assertEquals(0, idx[0]);
        assertEquals(n - 1, idx[idx.length - 1]);
        assertTrue(Arrays.stream(idx).anyMatch(i -> i == 4321) && Arrays.stream(idx).anyMatch(i -> i == 7777));
        for (int k = 1; k < idx.length; k++) {
            assertTrue(idx[k] > idx[k - 1], "increasing");
        }
        assertArrayEquals(new int[] {0, 1, 2}, HtmlReport.decimate(3, 300, new double[] {5, 4, 3}));
        assertEquals(0.123457, HtmlReport.round(0.12345678), 0.0);
        assertEquals(-1.23457e-300, HtmlReport.round(-1.234567e-300), 0.0);
        // the fast path agrees with exact decimal rounding (BigDecimal, half up) away from ties
        SplittableRandom rng = new SplittableRandom(3);
        int same = 0;
        for (int i = 0; i < 100_000; i++) {
            double x = (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-30, 30));
            double exact = new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
            double r = HtmlReport.round(x);
            assertTrue(Math.abs(r - exact) <= Math.abs(exact) * 1.1e-5, x + ": " + r + " vs " + exact); // at most one unit of the 6th digit
            same += r == exact ? 1 : 0;
        }
        assertTrue(same >= 99_990, same + " of 100000 identical");
    }

    @Test
    void longFiveSeedRunStaysSmallAndKeepsItsBandsAndSeeds(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        List<String> metrics = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            metrics.add("metric_" + m);
        }
        List<RunSeries> runs = new ArrayList<>();
        for (String opt : List.of("gd", "gdm")) {
            for (long seed = 0; seed < 5; seed++) {
                MetricTable t = new MetricTable();
                double[] walk = new double[metrics.size()];
                for (int step = 0; step <= 1000; step++) {
                    t.startRow(step);
                    for (int m = 0; m < metrics.size(); m++) {
                        walk[m] += rng.nextGaussian();
                        t.put(metrics.get(m), walk[m]);
                    }
                }
                runs.add(new RunSeries(RunLabel.of("optimizer", opt), seed, t, null));
            }
        }
        ResultLayout layout = new ResultLayout(List.of("optimizer"), List.of(ResultLayout.Column.number("metric_0", "m0")),
                List.of(ResultLayout.Panel.overSteps("p0", "Metric 0", "metric_0", "m0", false)), "");
        SpecTree spec = SpecTree.parse("name: long\ndescription: a long synthetic run\n", "test");
        Path page = HtmlReport.writeRun(new RunRecord(dir, spec, layout, null, runs, true, null));
        long size = Files.size(page);
        assertTrue(size < 3_000_000, "page of a 5-seed, 1000-step run with 30 metrics: " + size + " bytes");
        String html = Files.readString(page);
        assertTrue(html.contains("default-src 'none'"), "the page forbids network requests");
        String text = html.replaceAll("(?s)<script type=\"application/octet-stream\" id=\"mlab-(lib|data)\">.*?</script>", "");
        assertTrue(text.length() < 40_000 && !text.contains("http://") && !text.contains("https://"), "no address in the page's own text");

        JsonNode data = data(html);
        assertEquals("run", data.get("page").asText());
        assertEquals(30, data.get("metrics").size());
        JsonNode fig = data.get("figures").get(0);
        assertEquals("Metric 0", fig.get("title").asText());
        JsonNode gd = fig.get("series").get(0);
        assertEquals("gd", gd.get("name").asText());
        assertEquals(5, gd.get("seeds").size());
        // the band holds the recorded min and max of the five seeds at every kept step (6 digits)
        double[] first = new double[5];
        for (int s = 0; s < 5; s++) {
            first[s] = runs.get(s).metrics().get("metric_0", 1000);
        }
        JsonNode x = gd.get("x");
        assertEquals(1000.0, x.get(x.size() - 1).asDouble(), 0.0);
        double min = Arrays.stream(first).min().orElseThrow();
        double max = Arrays.stream(first).max().orElseThrow();
        assertEquals(HtmlReport.round(min), gd.get("lo").get(x.size() - 1).asDouble(), 0.0);
        assertEquals(HtmlReport.round(max), gd.get("hi").get(x.size() - 1).asDouble(), 0.0);
        assertTrue(x.size() <= HtmlReport.BAND_POINTS, "band decimated: " + x.size());
        assertTrue(fig.get("caption").asText().contains("min–max over seeds"));
    }

    /** The page's data block, inflated. */
    static JsonNode data(String html) throws Exception {
        Matcher m = Pattern.compile("id=\"mlab-data\">\\s*([A-Za-z0-9+/=\\s]+?)\\s*</script>").matcher(html);
        assertTrue(m.find(), "data block");
        byte[] gz = java.util.Base64.getMimeDecoder().decode(m.group(1));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void errorPanelsCarryReferenceSlopesAndFinalsPanelsOnePointPerLabel() {
        // two order checks: error = h and error = h^2 at h = 1/2^i
        java.util.Map<String, List<RunSeries>> byName = new java.util.LinkedHashMap<>();
        for (int order = 1; order <= 2; order++) {
            MetricTable t = new MetricTable();
            for (int i = 0; i < 4; i++) {
                double h = Math.pow(0.5, i + 1);
                t.startRow(i);
                t.put("h", h);
                t.put("error", Math.pow(h, order));
                t.put("slope", order);
            }
            byName.put("O(h^" + order + ")", List.of(new RunSeries(RunLabel.of("flow", "o" + order), 0, t, null)));
        }
        ResultLayout.Panel error = new ResultLayout.Panel("f", "flows", "h", "h", "error", "error", true, true, List.of(), "slope",
                ResultLayout.Overlay.NONE);
        JsonNode c = HtmlReport.panelChart(error, "flows", byName, HtmlReport.colors(List.copyOf(byName.keySet())));
        JsonNode series = c.get("series");
        assertEquals(4, series.size());
        assertEquals("O(h^1): slope 1", series.get(0).get("name").asText());
        JsonNode ref2 = series.get(3);
        assertEquals("slope 2 (reference)", ref2.get("name").asText());
        assertTrue(ref2.get("dashed").asBoolean());
        // through the geometric mean of the errors at the largest h (0.5 and 0.25), falling as h^2 to the smallest h
        double anchor = Math.sqrt(0.5 * 0.25);
        assertEquals(HtmlReport.round(anchor), ref2.get("y").get(1).asDouble(), 0.0);
        assertEquals(HtmlReport.round(anchor * Math.pow(0.0625 / 0.5, 2)), ref2.get("y").get(0).asDouble(), 0.0);

        // FINALS: the final (beta, ratio) of each label, sorted by beta, and the claimed curve
        java.util.Map<String, List<RunSeries>> finals = new java.util.LinkedHashMap<>();
        for (double beta : new double[] {0.9, 0.5, 0.8}) {
            MetricTable t = new MetricTable();
            t.startRow(0);
            t.put("beta", beta);
            t.put("ratio", (1 - beta) / (1 + beta) * 1.01);
            t.put("claimed", (1 - beta) / (1 + beta));
            finals.put("beta=" + beta, List.of(new RunSeries(RunLabel.of("beta", Double.toString(beta)), 0, t, null)));
        }
        ResultLayout.Panel panel = new ResultLayout.Panel("v", "variance", "beta", "β", "ratio", "ratio", false, false, List.of(), "claimed",
                ResultLayout.Overlay.NONE, ResultLayout.Style.FINALS);
        double[][] pts = FinalsChart.points(panel, finals);
        assertArrayEquals(new double[] {0.5, 0.8, 0.9}, pts[0], 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 0.2 / 1.8, 0.1 / 1.9}, pts[2], 1e-15);
        JsonNode fc = HtmlReport.panelChart(panel, "variance", finals, HtmlReport.colors(List.copyOf(finals.keySet())));
        assertEquals(List.of("measured ratio", "claimed"), List.of(fc.get("series").get(0).get("name").asText(), fc.get("series").get(1).get("name").asText()));
        assertEquals(0.5, fc.get("series").get(0).get("x").get(0).asDouble(), 0.0);
    }
}
