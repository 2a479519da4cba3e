package org.momentumlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.Summary;

/**
 * Figures and the summary table of a patch-data experiment (Jelassi &amp; Li, Figure 3): training
 * loss (log scale), test accuracy on large- and on small-margin data, and the two theory quantities
 * that show the mechanism — the max signal max_r ⟨w_r, w*⟩ and the noise memorization of the
 * small-margin training data. Reads only run records; never trains.
 */
public final class PatchReport {
    private PatchReport() {
    }

    public static final List<Panel> PANELS = List.of(
            new Panel("train_loss", "Training loss", "loss (log scale)", true, "train_loss"),
            new Panel("test_acc_large", "Test accuracy, large-margin data", "accuracy", false, "test_acc_large"),
            new Panel("test_acc_small", "Test accuracy, small-margin data", "accuracy", false, "test_acc_small"),
            new Panel("max_signal", "Feature learnt: max_r <w_r, w*>", "max signal", false, "max_signal"),
            new Panel("noise_small_mean", "Noise memorized: mean y·Ξ, small-margin train", "mean y·Ξ_i", false, "noise_small"));

    /** Writes every panel and the combined {@code figure3} grid into {@code figures}; returns the files written. */
    public static List<Path> writeFigures(List<RunSeries> runs, Path figures) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(figures);
        Map<String, List<RunSeries>> groups = Summary.byOptimizer(runs);
        List<XYChart> charts = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Panel p : PANELS) {
            XYChart c = FigureWriter.chart(p, groups);
            charts.add(c);
            FigureWriter.writeGrid(List.of(c), 1, figures, p.file());
            files.add(figures.resolve(p.file() + ".png"));
            files.add(figures.resolve(p.file() + ".svg"));
        }
        FigureWriter.writeGrid(charts, 3, figures, "figure3");
        files.add(figures.resolve("figure3.png"));
        files.add(figures.resolve("figure3.svg"));
        return files;
    }

    /** Columns of the terminal table: metric and header. */
    static final String[][] COLUMNS = {
        {"train_acc", "train acc"}, {"test_acc_large", "test acc large"}, {"test_acc_small", "test acc small"},
        {"max_signal", "max signal"}};

    /** The summary table as Markdown (written to table.md). */
    public static String markdownTable(List<RunSeries> runs) {
        return TextTable.markdown(tableRows(runs));
    }

    /** The terminal table: optimizer × (train acc, test acc large, test acc small, max signal), mean ± std over seeds. */
    public static String table(List<RunSeries> runs) {
        return TextTable.render(tableRows(runs));
    }

    static List<String[]> tableRows(List<RunSeries> runs) {
        Map<String, List<RunSeries>> groups = Summary.byOptimizer(runs);
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[COLUMNS.length + 2];
        header[0] = "optimizer";
        header[1] = "seeds";
        for (int c = 0; c < COLUMNS.length; c++) {
            header[c + 2] = COLUMNS[c][1];
        }
        rows.add(header);
        groups.forEach((opt, list) -> {
            String[] r = new String[COLUMNS.length + 2];
            r[0] = opt;
            long diverged = list.stream().filter(x -> x.result() != null && x.result().diverged()).count();
            r[1] = list.size() + (diverged > 0 ? " (" + diverged + " diverged)" : "");
            for (int c = 0; c < COLUMNS.length; c++) {
                Summary.Stats s = Summary.finalStats(list, COLUMNS[c][0]);
                boolean pct = COLUMNS[c][0].contains("acc");
                r[c + 2] = pct ? String.format(java.util.Locale.ROOT, "%.2f ± %.2f %%", 100 * s.mean(), 100 * s.std())
                        : Num.sig(s.mean(), 4) + " ± " + Num.sig(s.std(), 2);
            }
            rows.add(r);
        });
        return rows;
    }
}
