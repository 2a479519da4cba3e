package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.report.HtmlReport;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report pages in a real browser (headless Chromium driven by the Debian chromium-driver),
 * opened from file:// with the network switched off: no console errors, one chart per expected
 * panel with the expected series, the table's cells, the seed toggle and a legend toggle change
 * what is drawn. A screenshot of each page kind is saved in target/browser-screenshots. Skipped
 * where Chromium or its driver is missing, unless MLAB_REQUIRE_BROWSER=1 (as CI sets it).
 */
class ReportPagesBrowserTest {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        boolean present = Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER);
        if (!present && "1".equals(System.getenv("MLAB_REQUIRE_BROWSER"))) {
            throw new AssertionError("MLAB_REQUIRE_BROWSER=1 but " + DRIVER + " or " + BROWSER + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no Chromium here: apt-get install chromium chromium-driver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--allow-file-access-from-files");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        driver = new ChromeDriver(service, o);
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver.setNetworkConditions(offline);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Opens a page from disk, waits until it has drawn, and checks the console has no error. */
    static void open(Path page) {
        driver.get(page.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            WebElement b = d.findElement(By.tagName("body"));
            if (b.getAttribute("data-error") != null) {
                throw new AssertionError("the page failed: " + b.getAttribute("data-error"));
            }
            return "true".equals(b.getAttribute("data-ready"));
        });
        assertTrue(page.toUri().toString().startsWith("file:"));
    }

    static void noConsoleErrors(String what) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), what + ": console errors " + severe);
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static long seriesCount(int chart) {
        return (Long) js("return window.mlabCharts[arguments[0]].chart.getOption().series.length;", chart);
    }

    static String pixels(int chart) {
        return (String) js("return window.mlabCharts[arguments[0]].chart.getDataURL({type: 'png'});", chart);
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "browser-screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void runSweepAndComparePages(@TempDir Path tmp) throws Exception {
        MlabCliTest.Result r = MlabCliTest.mlab("run", "momentum-vs-gd-quick", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report: "), r.out());
        Path run = MlabCliTest.list(tmp).get(0);
        Path page = run.resolve(HtmlReport.FILE);
        assertTrue(Files.size(page) < 3_000_000, "page size " + Files.size(page));

        open(page);
        noConsoleErrors("run page");
        // five figure panels (Figure 3's) and the metric chart
        assertEquals(6L, js("return window.mlabCharts.length;"));
        assertEquals(List.of("Training loss", "Test accuracy, large-margin data", "Test accuracy, small-margin data"),
                ((List<?>) js("return window.mlabCharts.slice(0, 3).map(c => c.spec.title);")));
        // gd and gdm: a mean line and a min-max band each
        assertEquals(4L, seriesCount(0));
        // the final table: 2 labels x (optimizer, seeds, 4 columns)
        assertEquals(12L, js("return document.querySelectorAll('table.sortable td').length;"));
        // the preset's five claims with their verdicts (two seeds: the intervals are too wide for the differences)
        assertEquals(List.of("fails small-margin", "holds both-fit", "holds large-margin", "fails feature-amplification", "fails no-memorization"),
                js("return Array.from(document.querySelectorAll('table.claims tbody tr')).map(r => r.cells[0].className.replace('verdict ', '')"
                        + " + ' ' + r.cells[1].textContent);"));
        // each seed on demand: 2 seeds x 2 labels more series, and different pixels
        String before = pixels(0);
        List<WebElement> boxes = driver.findElements(By.cssSelector(".card input[type=checkbox]"));
        WebElement seeds = boxes.stream().filter(b -> b.findElement(By.xpath("..")).getText().contains("each seed")).findFirst().orElseThrow();
        seeds.click();
        assertEquals(8L, seriesCount(0));
        assertNotEquals(before, pixels(0), "showing the seeds changed nothing drawn");
        seeds.click();
        assertEquals(before, pixels(0));
        // a legend toggle hides GD's curves (the preset's display name for gd)
        js("window.mlabCharts[0].chart.dispatchAction({type: 'legendToggleSelect', name: 'GD'});");
        assertEquals(Boolean.FALSE, js("return window.mlabCharts[0].chart.getOption().legend[0].selected.GD;"));
        assertNotEquals(before, pixels(0), "hiding GD changed nothing drawn");
        // log scale on the accuracy panel
        String acc = pixels(1);
        driver.findElements(By.cssSelector(".card")).get(1).findElement(By.xpath(".//label[contains(., 'log y')]/input")).click();
        assertEquals("log", js("return window.mlabCharts[1].chart.getOption().yAxis[0].type;"));
        assertNotEquals(acc, pixels(1));
        // log x on a chart over steps (step 0 cannot be drawn there: it is left out, nothing breaks), and back
        WebElement logX = driver.findElements(By.cssSelector(".card")).get(0).findElement(By.xpath(".//label[contains(., 'log x')]/input"));
        logX.click();
        assertEquals("log", js("return window.mlabCharts[0].chart.getOption().xAxis[0].type;"));
        logX.click();
        assertEquals("value", js("return window.mlabCharts[0].chart.getOption().xAxis[0].type;"));
        noConsoleErrors("run page after log x");
        // every metric: switching the selector draws the chosen metric
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("metric-select"))).selectByValue("max_signal");
        assertEquals("max_signal", js("return window.mlabCharts[window.mlabCharts.length - 1].spec.title;"));
        noConsoleErrors("run page after interaction");
        screenshot("run");

        // a second run for the comparison page
        MlabCliTest.Result r2 = MlabCliTest.mlab("run", "momentum-vs-gd-quick", "--out", tmp.resolve("b").toString(), "--set", "optimizers.gdm.gamma=0.5");
        assertEquals(0, r2.code(), r2.err());
        Path run2 = MlabCliTest.list(tmp.resolve("b")).get(0);
        Path cmp = tmp.resolve("cmp.html");
        MlabCliTest.Result c = MlabCliTest.mlab("compare", run.toString(), run2.toString(), "--out", cmp.toString());
        assertEquals(0, c.code(), c.err());
        open(cmp);
        noConsoleErrors("compare page");
        assertEquals(1L, js("return window.mlabCharts.length;"));
        assertEquals(8L, seriesCount(0)); // 2 runs x 2 labels x (line + band)
        String diff = (String) js("return document.querySelector('table.sortable tbody').innerText;");
        assertTrue(diff.contains("optimizers.gdm.gamma") && diff.contains("0.5"), diff);
        assertEquals(2L, js("return document.querySelectorAll('#runs a').length;"));
        screenshot("compare");

        MlabCliTest.Result bad = MlabCliTest.mlab("compare", run.toString(), "--out", cmp.toString());
        assertEquals(2, bad.code());
        MlabCliTest.Result dirOut = MlabCliTest.mlab("compare", run.toString(), run2.toString(), "--out", tmp.toString());
        assertEquals(2, dirOut.code());
        assertTrue(dirOut.err().startsWith("mlab: --out " + tmp + " is a directory"), dirOut.err());
    }

    @Test
    void sweepPage(@TempDir Path tmp) throws Exception {
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", "optimizer-noise-quick", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Path sweep = tmp.resolve("optimizer-noise-quick");
        open(sweep.resolve(HtmlReport.FILE));
        noConsoleErrors("sweep page");
        @SuppressWarnings("unchecked")
        Map<String, Object> shape = (Map<String, Object>) js("var t = document.getElementById('pivot');"
                + "return {rows: t.tBodies[0].rows.length, cells: t.querySelectorAll('td').length, links: document.querySelectorAll('#runs a').length,"
                + " series: window.mlabCharts[0].chart.getOption().series.length};");
        long runs = MlabCliTest.list(sweep.resolve("runs")).size();
        assertTrue(runs > 0);
        assertEquals(List.of("fails"), js("return Array.from(document.querySelectorAll('table.claims td.verdict')).map(c => c.textContent);"));
        assertEquals(runs, shape.get("links"));
        assertEquals(4L, shape.get("series")); // shb and nshb: bars and error bars
        long rows = (Long) shape.get("rows");
        long cols = (Long) js("return document.querySelectorAll('#pivot thead th').length;");
        assertEquals(rows * cols, shape.get("cells"));
        // a click on a column head sorts the rows by that column's gap, ascending; a second click, descending
        String gapsJs = "return Array.from(document.querySelectorAll('#pivot tbody tr')).map(r => {"
                + " var m = r.cells[1].innerText.match(/gap ([+−]?)([0-9.]+)/); return m ? (m[1] === '−' ? -1 : 1) * parseFloat(m[2]) : null; });";
        driver.findElements(By.cssSelector("#pivot thead th")).get(1).click();
        @SuppressWarnings("unchecked")
        List<Number> up = (List<Number>) js(gapsJs);
        driver.findElements(By.cssSelector("#pivot thead th")).get(1).click();
        @SuppressWarnings("unchecked")
        List<Number> down = (List<Number>) js(gapsJs);
        assertEquals(rows, up.size());
        for (int i = 1; i < up.size(); i++) {
            assertTrue(up.get(i - 1).doubleValue() <= up.get(i).doubleValue(), "ascending: " + up);
            assertTrue(down.get(i - 1).doubleValue() >= down.get(i).doubleValue(), "descending: " + down);
        }
        assertTrue(up.get(0).doubleValue() < up.get(up.size() - 1).doubleValue(), "the gaps differ, so the order is seen: " + up);
        screenshot("sweep");
        // the run pages the sweep links to exist and open
        String href = (String) js("return document.querySelector('#runs a').getAttribute('href');");
        open(sweep.resolve(href));
        noConsoleErrors("a sweep run's page");
    }

    @Test
    void reproducePage(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("rq");
        MlabCliTest.Result r = MlabCliTest.mlab("reproduce", "--quick", "--paper", "Ghosh", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        open(out.resolve(HtmlReport.FILE));
        noConsoleErrors("reproduce page");
        // every claim of Ghosh et al.: the six measured hold, the image presets' are listed as not run
        @SuppressWarnings("unchecked")
        List<String> verdicts = (List<String>) js("return Array.from(document.querySelectorAll('table.claims td.verdict')).map(c => c.textContent);");
        assertEquals(12, verdicts.size(), verdicts.toString());
        assertEquals(6L, verdicts.stream().filter("holds"::equals).count());
        assertEquals(6L, verdicts.stream().filter("not run"::equals).count());
        screenshot("reproduce");
        // a preset's link opens its run page, which shows the same verdicts
        String href = (String) js("return document.querySelector('table.claims a').getAttribute('href');");
        open(out.resolve(href));
        noConsoleErrors("a reproduced run's page");
        assertEquals(2L, js("return document.querySelectorAll('table.claims tbody tr').length;"));
    }
}
