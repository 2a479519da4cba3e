package org.momentumlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.momentumlab.experiment.AtomicFiles;
import org.momentumlab.experiment.MetricsCsv;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.Summary;

/**
 * The run directory of one experiment invocation:
 * <pre>
 *   NAME-YYYYMMDD-HHMMSS/
 *     spec.yaml        the resolved spec (re-runnable as is)
 *     provenance.json  version, git commit, JVM, OS, CPUs, threads, seeds, times, command line
 *     metrics.csv      one row per (run, probe step)
 *     summary.json     final metrics per run and over seeds
 *     table.md         the summary table
 *     figures/         PNG and SVG
 * </pre>
 * Everything is written into a hidden staging directory {@code .NAME-....partial} that is renamed
 * into place only when complete; an interrupted invocation leaves no directory that looks finished
 * (and the command line removes the staging directory on Ctrl-C).
 */
public final class RunDirectory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunDirectory() {
    }

    /**
     * Checks, before any work, that {@code outRoot} exists or can be created and is writable;
     * otherwise a {@link SpecException} naming the directory.
     */
    public static void checkWritable(Path outRoot) {
        try {
            Files.createDirectories(outRoot);
            Path probe = Files.createTempFile(outRoot, ".mlab-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new SpecException("output directory " + outRoot + " is not writable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** A fresh, not yet existing run directory path under {@code outRoot}. */
    public static Path newPath(Path outRoot, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = outRoot.resolve(name + "-" + stamp);
        for (int k = 2; Files.exists(p) || Files.exists(staging(p)); k++) {
            p = outRoot.resolve(name + "-" + stamp + "-" + k);
        }
        return p;
    }

    /** The hidden staging directory used while {@code dir} is being written. */
    public static Path staging(Path dir) {
        return dir.resolveSibling("." + dir.getFileName() + ".partial");
    }

    /** Writes the complete run directory {@code dir} (via its staging directory), figures included. */
    public static void write(Path dir, String specYaml, Provenance provenance, List<RunSeries> runs) throws IOException {
        write(dir, specYaml, provenance, runs, true);
    }

    /** As {@link #write(Path, String, Provenance, List)}; without figures and table when {@code report} is false (sweep tasks). */
    public static void write(Path dir, String specYaml, Provenance provenance, List<RunSeries> runs, boolean report) throws IOException {
        Path tmp = staging(dir);
        deleteTree(tmp);
        Files.createDirectories(tmp);
        AtomicFiles.write(tmp.resolve("spec.yaml"), specYaml);
        AtomicFiles.write(tmp.resolve("provenance.json"), JSON.writeValueAsString(provenance.toJson()) + "\n");
        AtomicFiles.write(tmp.resolve("metrics.csv"), MetricsCsv.format(runs));
        if (report) {
            writeReport(tmp, runs);
        }
        AtomicFiles.write(tmp.resolve("summary.json"), JSON.writeValueAsString(Summary.toJson(runs)) + "\n");
        Files.move(tmp, dir);
    }

    /** (Re)draws figures/ and table.md of a run directory from its runs. */
    public static void writeReport(Path dir, List<RunSeries> runs) throws IOException {
        PatchReport.writeFigures(runs, dir.resolve("figures"));
        AtomicFiles.write(dir.resolve("table.md"), PatchReport.markdownTable(runs));
    }

    /** Reads the runs of a finished run directory (from metrics.csv), or a {@link SpecException}. */
    public static List<RunSeries> readRuns(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SpecException(dir + " is not a directory");
        }
        Path m = dir.resolve("metrics.csv");
        if (!Files.isRegularFile(m) || !Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new SpecException(dir + " is not a finished run directory (no metrics.csv and summary.json)");
        }
        return MetricsCsv.read(m);
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
