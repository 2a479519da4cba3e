package org.momentumlab.experiment.rundir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.momentumlab.experiment.Checkpoints;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.PhaseTimes;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.RunContext;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.Spec;
import org.momentumlab.util.ComputePool;

/**
 * Runs a bound spec into a run directory: the staging directory is created with the spec, layout and
 * provenance before the first step, metrics stream into it, and it is completed (results only; the
 * report draws the figures afterwards) or, if the run fails after it started, kept incomplete.
 */
public final class RunExecution {
    private RunExecution() {
    }

    /** A finished run directory and where its time went. */
    public record Result(Path dir, PhaseTimes times) {
    }

    /** A run that failed after it started; {@link #kept()} holds what it measured (null if nothing could be kept). */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path kept;

        Failed(Path kept, Throwable cause) {
            super(cause.getMessage(), cause);
            this.kept = kept;
        }

        public Path kept() {
            return kept;
        }
    }

    /**
     * Runs {@code spec} with {@code threads} kernel threads and writes the finished directory {@code dir}.
     *
     * @param command the command line, for the provenance
     * @throws Failed when the experiment fails after a run started (what was measured is kept); a
     *                failure before any run started leaves nothing behind and is rethrown as is
     */
    public static Result execute(Spec<?> spec, Path dir, int threads, String command, ExperimentListener listener) throws IOException {
        return execute(spec, dir, threads, command, listener, null);
    }

    /**
     * As {@link #execute(Spec, Path, int, String, ExperimentListener)}, resuming the runs whose
     * checkpoints are in {@code resumeFrom} (the {@code checkpoints} folder of an interrupted run
     * directory of the same spec; null to start afresh). Runs save checkpoints in the staging
     * directory as their kind decides; a completed directory keeps none.
     */
    public static Result execute(Spec<?> spec, Path dir, int threads, String command, ExperimentListener listener, Path resumeFrom) throws IOException {
        String yaml = spec.toYaml();
        Provenance provenance = Provenance.capture(command, threads, spec.seeds(), Instant.now(), null, yaml);
        RunWriter writer = RunWriter.start(dir, yaml, spec.layout(), provenance);
        List<RunSeries> runs;
        RunContext context = null;
        try (ComputePool pool = new ComputePool(threads)) {
            context = new RunContext(pool, spec.plan().runs(), listener, writer, new Checkpoints(writer::checkpoint, resumeFrom));
            spec.run(context);
            runs = context.runs();
        } catch (RuntimeException | Error e) {
            if (context == null || context.started() == 0) {
                writer.discard();
                throw e;
            }
            throw new Failed(writer.abandon("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0])), e);
        }
        Path done = writer.complete(runs, provenance.ended(Instant.now(), context.times().seconds()));
        return new Result(done, context.times());
    }
}
