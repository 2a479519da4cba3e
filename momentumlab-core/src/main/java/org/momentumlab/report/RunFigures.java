package org.momentumlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;

/**
 * Draws a run directory's figures from its layout: every panel (split into one chart per value of
 * its {@code splitBy} fields) as {@code figures/FILE.png|svg}, and all charts together as the
 * layout's combined figure. Panels without data are left out.
 */
public final class RunFigures {
    private RunFigures() {
    }

    /**
     * Writes the figures; returns the files written. The combined grid draws its own copies of the
     * panels' charts, so it is drawn beside the panels rather than after them (first, being the
     * largest); a chart is drawn by one thread at a time and the files are the same bytes in any order.
     */
    public static List<Path> write(ResultLayout layout, List<RunSeries> runs, Path figures) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(figures);
        List<Path> files = new ArrayList<>();
        List<XYChart> all = new ArrayList<>();
        List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
        boolean grid = !layout.grid().isEmpty();
        for (ResultLayout.Panel p : layout.panels()) {
            List<XYChart> charts = charts(p, runs);
            if (charts.isEmpty()) {
                continue;
            }
            tasks.add(() -> {
                FigureWriter.writeGrid(charts, charts.size() == 1 ? 1 : 3, figures, p.file());
                return null;
            });
            files.add(figures.resolve(p.file() + ".png"));
            files.add(figures.resolve(p.file() + ".svg"));
            if (grid) {
                all.addAll(charts(p, runs));
            }
        }
        if (grid && !all.isEmpty()) {
            tasks.add(0, () -> {
                FigureWriter.writeGrid(all, 3, figures, layout.grid());
                return null;
            });
            files.add(figures.resolve(layout.grid() + ".png"));
            files.add(figures.resolve(layout.grid() + ".svg"));
        }
        drawAll(tasks);
        return files;
    }

    /** The charts of one panel (one per value of its split), none where it has no data. */
    private static List<XYChart> charts(ResultLayout.Panel p, List<RunSeries> runs) {
        List<XYChart> charts = new ArrayList<>();
        split(runs, p.splitBy()).forEach((title, group) -> {
            Map<String, List<RunSeries>> byName = byName(group, p.splitBy());
            String t = title.isEmpty() ? p.title() : p.title() + ": " + title;
            if (p.style() == ResultLayout.Style.ECDF) {
                if (EcdfChart.hasData(p, byName)) {
                    charts.add(EcdfChart.chart(p, t, byName));
                }
            } else if (p.style() == ResultLayout.Style.FINALS) {
                if (FinalsChart.hasData(p, byName)) {
                    charts.add(FinalsChart.chart(p, t, byName));
                }
            } else if (p.x().equals("step")) {
                if (group.stream().anyMatch(r -> r.metrics().has(p.y()))) {
                    charts.add(FigureWriter.chart(p, t, byName));
                }
            } else if (ParametricChart.hasData(p, byName)) {
                charts.add(ParametricChart.chart(p, t, byName));
            }
        });
        return charts;
    }

    /**
     * Draws the figures' files on up to two threads, in the order given (each chart is drawn by one
     * thread at a time; figures are the same bytes in any order).
     */
    private static void drawAll(List<java.util.concurrent.Callable<Void>> panels) throws IOException {
        int threads = Math.min(2, Math.min(panels.size(), Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            for (var c : panels) {
                call(c);
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mlab-figures");
            t.setDaemon(true);
            return t;
        });
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(panels)) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while drawing");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void call(java.util.concurrent.Callable<Void> c) throws IOException {
        try {
            c.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Loads and compiles the drawing code (Java2D, fonts, XChart, PNG and SVG writers; the page's
     * compressed library and data code) by drawing a small chart in memory, so that the figures of a run are drawn warm; {@code mlab run} does this on
     * a background thread while it trains. Failures are ignored (the report warns later if drawing fails).
     */
    public static void warmUp() {
        try {
            System.setProperty("java.awt.headless", "true");
            ResultLayout.Panel p = ResultLayout.Panel.overSteps("warm", "warm-up", "y", "y", true);
            org.momentumlab.probe.MetricTable t = new org.momentumlab.probe.MetricTable();
            for (int i = 0; i < 3; i++) {
                t.startRow(i);
                t.put("y", 1.0 / (i + 1));
            }
            RunSeries r = new RunSeries(RunLabel.of("optimizer", "gd"), 0, t, null);
            XYChart c = FigureWriter.chart(p, "warm-up", Map.of("gd", List.of(r, r)));
            FigureWriter.render(List.of(c), 1);
            HtmlReport.warmUp(p, Map.of("gd", List.of(r, r)));
        } catch (Exception | Error e) {
            // only a warm-up
        }
    }

    /** Runs grouped by the values of {@code fields} (key: their display, empty for no fields), in first-appearance order. */
    static Map<String, List<RunSeries>> split(List<RunSeries> runs, List<String> fields) {
        Map<String, List<RunSeries>> out = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            List<String> parts = new ArrayList<>();
            for (String f : fields) {
                parts.add(f.equals(fields.get(0)) && fields.size() > 1 ? r.label().get(f) : f + "=" + r.label().get(f));
            }
            out.computeIfAbsent(String.join(", ", parts), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Runs grouped by label, keyed by the label's legend name (without the split fields). */
    static Map<String, List<RunSeries>> byName(List<RunSeries> runs, List<String> except) {
        Map<String, List<RunSeries>> out = new LinkedHashMap<>();
        Map<RunLabel, String> names = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            String name = names.computeIfAbsent(r.label(), l -> l.display(except));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
