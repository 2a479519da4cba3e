package org.momentumlab.experiment.rundir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;
import org.momentumlab.experiment.SpecException;

/**
 * The layout of a run directory, the one place that knows it:
 * <pre>
 *   NAME-YYYYMMDD-HHMMSS/
 *     spec.yaml        the resolved spec (re-runnable as is)
 *     provenance.json  version, git commit, spec hash, SIMD shape, JVM, OS, CPUs, threads, seeds, times, command
 *     layout.json      how the kind shows its results (label fields, table columns, figure panels)
 *     metrics.csv      one row per (run, probe step)
 *     summary.json     final value of every metric per run, and over seeds per label
 *     table.md         the summary table       (written by the report, after the results)
 *     figures/         PNG and SVG             (written by the report, after the results)
 * </pre>
 * While it runs, everything lives in a hidden staging directory {@code .NAME.partial} where the
 * metrics stream to {@code metrics.jsonl} as they are measured; it is renamed into place only when
 * complete. A run interrupted or failed after it started is kept as {@code NAME.incomplete/} with a
 * file {@code INCOMPLETE} saying why; reports and sweeps never count it as finished.
 */
public final class RunDirectory {
    private RunDirectory() {
    }

    public static final String SPEC = "spec.yaml";
    public static final String PROVENANCE = "provenance.json";
    public static final String LAYOUT = "layout.json";
    public static final String METRICS = "metrics.csv";
    public static final String JOURNAL = "metrics.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String INCOMPLETE = "INCOMPLETE";
    public static final String TABLE = "table.md";
    public static final String FIGURES = "figures";

    /**
     * Checks, before any work, that {@code outRoot} exists or can be created and is writable;
     * otherwise a {@link SpecException} naming the directory and the reason in words.
     */
    public static void checkWritable(Path outRoot) {
        try {
            Files.createDirectories(outRoot);
            Path probe = Files.createTempFile(outRoot, ".mlab-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new SpecException("output directory " + outRoot + " is not writable (" + describe(e) + ")");
        }
    }

    /** An I/O failure in words, without Java class names: what went wrong and on which path. */
    public static String describe(Exception e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String what;
        if (e instanceof NoSuchFileException) {
            what = "does not exist";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "is a file, not a directory";
        } else if (e instanceof NotDirectoryException) {
            what = "is not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "is a directory that is not empty";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            what = f.getReason().toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof SecurityException) {
            what = "not allowed";
        } else {
            String m = e.getMessage();
            return m == null ? "an I/O error" : m;
        }
        return file == null ? what : file + " " + what;
    }

    /** A fresh, not yet existing run directory path under {@code outRoot}. */
    public static Path newPath(Path outRoot, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = outRoot.resolve(name + "-" + stamp);
        for (int k = 2; Files.exists(p) || Files.exists(staging(p)) || Files.exists(incomplete(p)); k++) {
            p = outRoot.resolve(name + "-" + stamp + "-" + k);
        }
        return p;
    }

    /** The hidden staging directory used while {@code dir} is being written. */
    public static Path staging(Path dir) {
        return dir.resolveSibling("." + dir.getFileName() + ".partial");
    }

    /** Where {@code dir} is kept when its invocation is interrupted or fails. */
    public static Path incomplete(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".incomplete");
    }

    /** Whether {@code dir} is a finished run directory (complete results in place). */
    public static boolean isFinished(Path dir) {
        return Files.isRegularFile(dir.resolve(SUMMARY)) && Files.isRegularFile(dir.resolve(METRICS))
                && !Files.exists(dir.resolve(INCOMPLETE));
    }

    /** Whether {@code dir} is a run directory kept incomplete. */
    public static boolean isIncomplete(Path dir) {
        return Files.isRegularFile(dir.resolve(INCOMPLETE));
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
