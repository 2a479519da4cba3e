package org.momentumlab.experiment.rundir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.momentumlab.experiment.MetricSink;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.probe.MetricTable;

/**
 * Writes one run directory (see {@link RunDirectory}): {@link #start} creates the staging directory
 * with the spec, the layout and the provenance; the experiment streams its metrics here as a
 * {@link MetricSink}; then exactly one of {@link #complete} (results written, directory renamed into
 * place), {@link #abandon} (kept as {@code NAME.incomplete} with what was measured) or
 * {@link #discard} (removed: nothing had started). Writers still open when the process is
 * interrupted are abandoned by {@link #abandonAll}.
 */
public final class RunWriter implements MetricSink {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<RunWriter> OPEN = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path staging;
    private final List<String> labelFields;
    private List<String> eventMetrics = List.of();
    private final MetricJournal journal;
    private final Object lock = new Object();
    private boolean closed;

    private RunWriter(Path dir, List<String> labelFields) throws IOException {
        this.dir = dir;
        this.staging = RunDirectory.staging(dir);
        this.labelFields = labelFields;
        RunDirectory.deleteTree(staging);
        Files.createDirectories(staging);
        this.journal = new MetricJournal(staging.resolve(RunDirectory.JOURNAL));
    }

    /** Creates the staging directory of {@code dir} with spec.yaml, layout.json and provenance.json (its start). */
    public static RunWriter start(Path dir, String specYaml, ResultLayout layout, Provenance provenance) throws IOException {
        RunWriter w = new RunWriter(dir, layout.labelFields());
        w.eventMetrics = Summary.eventMetrics(layout);
        try {
            AtomicFiles.write(w.staging.resolve(RunDirectory.SPEC), specYaml);
            AtomicFiles.write(w.staging.resolve(RunDirectory.LAYOUT), JSON.writeValueAsString(SpecMapper.MAPPER.valueToTree(layout)) + "\n");
            AtomicFiles.write(w.staging.resolve(RunDirectory.PROVENANCE), JSON.writeValueAsString(provenance.toJson()) + "\n");
        } catch (IOException e) {
            w.discard();
            throw e;
        }
        OPEN.add(w);
        return w;
    }

    /** Where the directory goes when complete. */
    public Path dir() {
        return dir;
    }

    @Override
    public void rows(RunLabel label, long seed, MetricTable table, int from, int to) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                journal.rows(label, seed, table, from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void finished(RunSeries run) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                journal.finished(run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Saves a checkpoint file in the staging directory's {@code checkpoints/} (whole or not at all);
     * does nothing once the directory is completed or abandoned.
     */
    public void checkpoint(String fileName, byte[] bytes) throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Path d = staging.resolve(org.momentumlab.experiment.Checkpoints.DIR);
            Files.createDirectories(d);
            AtomicFiles.write(d.resolve(fileName), bytes);
        }
    }

    /** Writes metrics.csv, summary.json and the final provenance, and renames the directory into place (checkpoints are dropped: the results are complete). */
    public Path complete(List<RunSeries> runs, Provenance provenance) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(dir + " was already closed");
            }
            journal.close();
            AtomicFiles.write(staging.resolve(RunDirectory.METRICS), MetricsCsv.format(runs, labelFields));
            AtomicFiles.write(staging.resolve(RunDirectory.SUMMARY), JSON.writeValueAsString(Summary.toJson(runs, labelFields, eventMetrics, true)) + "\n");
            AtomicFiles.write(staging.resolve(RunDirectory.PROVENANCE), JSON.writeValueAsString(provenance.toJson()) + "\n");
            Files.delete(staging.resolve(RunDirectory.JOURNAL));
            RunDirectory.deleteTree(staging.resolve(org.momentumlab.experiment.Checkpoints.DIR));
            Files.move(staging, dir);
            closed = true;
            OPEN.remove(this);
            return dir;
        }
    }

    /**
     * Keeps what was measured: metrics.csv and summary.json of the rows streamed so far (runs that
     * did not finish have no result), a file INCOMPLETE with {@code reason}, renamed to
     * {@code NAME.incomplete}. Never throws; returns the directory kept, or null if none could be.
     */
    public Path abandon(String reason) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            closed = true;
            OPEN.remove(this);
            Path target = RunDirectory.incomplete(dir);
            try {
                journal.close();
                List<RunSeries> runs = MetricJournal.read(staging.resolve(RunDirectory.JOURNAL));
                long finished = runs.stream().filter(r -> r.result() != null).count();
                AtomicFiles.write(staging.resolve(RunDirectory.INCOMPLETE), "incomplete: " + reason + "\nat: " + Instant.now()
                        + "\nruns finished: " + finished + ", runs started: " + runs.size()
                        + "\nmetrics.csv and summary.json hold what was measured; metrics.jsonl is the stream they were read from\n");
                AtomicFiles.write(staging.resolve(RunDirectory.METRICS), MetricsCsv.format(runs, labelFields));
                AtomicFiles.write(staging.resolve(RunDirectory.SUMMARY), JSON.writeValueAsString(Summary.toJson(runs, labelFields, eventMetrics, false)) + "\n");
                RunDirectory.deleteTree(target);
                Files.move(staging, target);
                return target;
            } catch (IOException | RuntimeException e) {
                return Files.exists(staging) ? staging : null;
            }
        }
    }

    /** Removes the staging directory (nothing worth keeping was measured). */
    public void discard() {
        synchronized (lock) {
            closed = true;
            OPEN.remove(this);
            try {
                journal.close();
                RunDirectory.deleteTree(staging);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** Abandons every writer still open (on interruption); returns the directories kept. */
    public static List<Path> abandonAll(String reason) {
        List<Path> kept = new ArrayList<>();
        for (RunWriter w : List.copyOf(OPEN)) {
            Path p = w.abandon(reason);
            if (p != null) {
                kept.add(p);
            }
        }
        return kept;
    }
}
