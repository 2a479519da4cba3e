package org.momentumlab.experiment.rundir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.probe.MetricTable;

/**
 * metrics.csv: one row per (run, probe step), columns {@code run}, the label fields (e.g.
 * {@code optimizer}), {@code seed}, {@code step}, then one per metric (the union over runs, in
 * first-appearance order). Numbers are written so that they read back to the same double; a missing
 * or NaN value is an empty cell and ±∞ is {@code inf}/{@code -inf} (pandas reads the file as is).
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    /** The file as text; every run must have the label fields {@code labelFields}. */
    public static String format(List<RunSeries> runs, List<String> labelFields) {
        Set<String> metrics = new LinkedHashSet<>();
        for (RunSeries r : runs) {
            metrics.addAll(r.metrics().metrics());
        }
        StringBuilder b = new StringBuilder("run");
        labelFields.forEach(f -> b.append(',').append(f));
        b.append(",seed,step");
        for (String m : metrics) {
            b.append(',').append(m);
        }
        b.append('\n');
        for (RunSeries r : runs) {
            if (!r.label().fields().equals(labelFields)) {
                throw new IllegalArgumentException("run " + r.id() + " has label fields " + r.label().fields() + ", expected " + labelFields);
            }
            MetricTable t = r.metrics();
            for (int row = 0; row < t.rows(); row++) {
                b.append(r.id());
                r.label().values().forEach(v -> b.append(',').append(v));
                b.append(',').append(r.seed()).append(',').append(t.step(row));
                for (String m : metrics) {
                    b.append(',');
                    if (t.has(m)) {
                        b.append(cell(t.get(m, row)));
                    }
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String cell(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** Reads a metrics.csv back into runs (with no training result). */
    public static List<RunSeries> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException("cannot read " + file + ": " + RunDirectory.describe(e));
        }
        if (lines.isEmpty()) {
            throw new SpecException(file + " is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        int seedCol = -1;
        for (int i = 1; i + 1 < header.length; i++) {
            if (header[i].equals("seed") && header[i + 1].equals("step")) {
                seedCol = i;
                break;
            }
        }
        if (!header[0].equals("run") || seedCol < 2) {
            throw new SpecException(file + " is not a MomentumLab metrics file: its header must be run, the label fields, seed, step, then the metrics");
        }
        List<String> fields = List.of(header).subList(1, seedCol);
        Map<String, RunSeries> runs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] c = lines.get(i).split(",", -1);
            if (c.length != header.length) {
                throw new SpecException(file + " line " + (i + 1) + " has " + c.length + " cells, the header has " + header.length);
            }
            final int sc = seedCol;
            try {
                RunSeries r = runs.computeIfAbsent(c[0], k -> new RunSeries(new RunLabel(fields, List.of(c).subList(1, sc)),
                        Long.parseLong(c[sc]), new MetricTable(), null));
                r.metrics().startRow(Long.parseLong(c[sc + 1]));
                for (int k = sc + 2; k < c.length; k++) {
                    if (!c[k].isEmpty()) {
                        r.metrics().put(header[k], parse(c[k]));
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new SpecException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new ArrayList<>(runs.values());
    }

    static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
