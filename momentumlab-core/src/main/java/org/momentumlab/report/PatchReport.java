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
            new Panel("noise_small_mean", "Noise memorized: mean y·Ξ, small-margin train", "mean y·Ξ_i", false, "noise_small"),
            new Panel("sharpness", "Sharpness (dashed: stability limit)", "top Hessian eigenvalue", false, "sharpness"));

    /** Panels of experiments without the patch-data probes (e.g. teacher-student). */
    public static final List<Panel> GENERIC_PANELS = List.of(
            new Panel("train_loss", "Training loss", "loss (log scale)", true, "train_loss"),
            new Panel("train_acc", "Training accuracy", "accuracy", false, "train_acc"),
            new Panel("test_acc", "Test accuracy", "accuracy", false, "test_acc"));

    /** Panels of low-dimensional toy runs (they record w_norm2). */
    public static final List<Panel> TOY_PANELS = List.of(
            new Panel("train_loss", "Training loss", "loss (log scale)", true, "train_loss", true),
            new Panel("w_norm2", "Flatness: w1^2 + w2^2", "||w||^2", false, "w_norm2", true),
            new Panel("sharpness", "Sharpness: top Hessian eigenvalue", "sharpness", false, "sharpness", true));

    static boolean toyRuns(List<RunSeries> runs) {
        return runs.stream().anyMatch(r -> r.metrics().has("w_norm2"));
    }

    /** Patch-data runs (they record max_signal) get Figure 3's panels, others the generic ones. */
    static boolean patchRuns(List<RunSeries> runs) {
        return runs.stream().anyMatch(r -> r.metrics().has("max_signal"));
    }

    /** Writes every panel and the combined grid ({@code figure3} for patch data, {@code curves} otherwise); returns the files written. */
    public static List<Path> writeFigures(List<RunSeries> runs, Path figures) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(figures);
        Map<String, List<RunSeries>> groups = Summary.byOptimizer(runs);
        List<XYChart> charts = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (OrderChart.applies(runs)) {
            List<XYChart> order = OrderChart.charts(runs);
            FigureWriter.writeGrid(order, 3, figures, "flow_order");
            return List.of(figures.resolve("flow_order.png"), figures.resolve("flow_order.svg"));
        }
        boolean patch = patchRuns(runs);
        boolean toy = toyRuns(runs);
        for (Panel p : patch ? PANELS : toy ? TOY_PANELS : GENERIC_PANELS) {
            if (runs.stream().noneMatch(r -> r.metrics().has(p.metric()))) {
                continue;
            }
            XYChart c = FigureWriter.chart(p, groups);
            charts.add(c);
            FigureWriter.writeGrid(List.of(c), 1, figures, p.file());
            files.add(figures.resolve(p.file() + ".png"));
            files.add(figures.resolve(p.file() + ".svg"));
        }
        if (toy) {
            XYChart t = TrajectoryChart.chart(groups);
            charts.add(0, t);
            FigureWriter.writeGrid(List.of(t), 1, figures, "trajectories");
            files.add(figures.resolve("trajectories.png"));
            files.add(figures.resolve("trajectories.svg"));
        }
        String grid = patch ? "figure3" : "curves";
        FigureWriter.writeGrid(charts, 3, figures, grid);
        files.add(figures.resolve(grid + ".png"));
        files.add(figures.resolve(grid + ".svg"));
        return files;
    }

    /** Columns of the terminal table: metric and header. */
    static final String[][] COLUMNS = {
        {"train_acc", "train acc"}, {"test_acc_large", "test acc large"}, {"test_acc_small", "test acc small"},
        {"max_signal", "max signal"}};
    static final String[][] TOY_COLUMNS = {{"train_loss", "final loss"}, {"w1", "w1"}, {"w2", "w2"},
        {"w_norm2", "w1^2 + w2^2"}, {"sharpness", "sharpness"}};
    static final String[][] ORDER_COLUMNS = {{"slope", "fitted slope"}, {"error", "error at the smallest h"},
        {"ratio", "variance ratio"}, {"ci_low", "95% CI low"}, {"ci_high", "95% CI high"}, {"claimed", "(1-b)/(1+b)"}};
    static final String[][] GENERIC_COLUMNS = {{"train_acc", "train acc"}, {"test_acc", "test acc"}, {"epoch", "epochs"}};

    /** The summary table as Markdown (written to table.md). */
    public static String markdownTable(List<RunSeries> runs) {
        return TextTable.markdown(tableRows(runs));
    }

    /** The terminal table: optimizer × (train acc, test acc large, test acc small, max signal), mean ± std over seeds. */
    public static String table(List<RunSeries> runs) {
        return TextTable.render(tableRows(runs));
    }

    static List<String[]> tableRows(List<RunSeries> runs) {
        String[][] columns = java.util.Arrays.stream(patchRuns(runs) ? COLUMNS : toyRuns(runs) ? TOY_COLUMNS
                : OrderChart.applies(runs) ? ORDER_COLUMNS : GENERIC_COLUMNS)
                .filter(c -> runs.stream().anyMatch(r -> r.metrics().has(c[0]))).toArray(String[][]::new);
        Map<String, List<RunSeries>> groups = Summary.byOptimizer(runs);
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[columns.length + 2];
        header[0] = "optimizer";
        header[1] = "seeds";
        for (int c = 0; c < columns.length; c++) {
            header[c + 2] = columns[c][1];
        }
        if (OrderChart.applies(runs)) {
            header[1] = "runs";
        }
        rows.add(header);
        groups.forEach((opt, list) -> {
            String[] r = new String[columns.length + 2];
            r[0] = opt;
            long diverged = list.stream().filter(x -> x.result() != null && x.result().diverged()).count();
            r[1] = list.size() + (diverged > 0 ? " (" + diverged + " diverged)" : "");
            for (int c = 0; c < columns.length; c++) {
                Summary.Stats s = Summary.finalStats(list, columns[c][0]);
                boolean pct = columns[c][0].contains("acc");
                r[c + 2] = s.count() == 0 ? "-" : pct ? String.format(java.util.Locale.ROOT, "%.2f ± %.2f %%", 100 * s.mean(), 100 * s.std())
                        : Num.sig(s.mean(), 4) + " ± " + Num.sig(s.std(), 2);
            }
            rows.add(r);
        });
        return rows;
    }
}
