package org.momentumlab.experiment;

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
import org.momentumlab.probe.MetricTable;

/**
 * metrics.csv: one row per (run, probe step), columns {@code run,optimizer,seed,step} then one per
 * metric (the union over runs, in first-appearance order). Numbers are written so that they read
 * back to the same double; a missing or NaN value is an empty cell and ±∞ is {@code inf}/{@code -inf}
 * (pandas reads the file as is).
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    static final List<String> KEYS = List.of("run", "optimizer", "seed", "step");

    public static String format(List<RunSeries> runs) {
        Set<String> metrics = new LinkedHashSet<>();
        for (RunSeries r : runs) {
            metrics.addAll(r.metrics().metrics());
        }
        StringBuilder b = new StringBuilder(String.join(",", KEYS));
        for (String m : metrics) {
            b.append(',').append(m);
        }
        b.append('\n');
        for (RunSeries r : runs) {
            MetricTable t = r.metrics();
            for (int row = 0; row < t.rows(); row++) {
                b.append(r.id()).append(',').append(r.optimizer()).append(',').append(r.seed()).append(',').append(t.step(row));
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
            throw new SpecException("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new SpecException(file + " is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 4 || !List.of(header).subList(0, 4).equals(KEYS)) {
            throw new SpecException(file + " is not a MomentumLab metrics file: its header must start with run,optimizer,seed,step");
        }
        Map<String, RunSeries> runs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] c = lines.get(i).split(",", -1);
            if (c.length != header.length) {
                throw new SpecException(file + " line " + (i + 1) + " has " + c.length + " cells, the header has " + header.length);
            }
            try {
                RunSeries r = runs.computeIfAbsent(c[0], k -> new RunSeries(c[1], Long.parseLong(c[2]), new MetricTable(), null));
                r.metrics().startRow(Long.parseLong(c[3]));
                for (int k = 4; k < c.length; k++) {
                    if (!c[k].isEmpty()) {
                        r.metrics().put(header[k], parse(c[k]));
                    }
                }
            } catch (NumberFormatException | IllegalStateException e) {
                throw new SpecException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new ArrayList<>(runs.values());
    }

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
