package org.momentumlab.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.momentumlab.experiment.PatchExperiment;
import org.momentumlab.experiment.PatchExperimentSpec;
import org.momentumlab.experiment.PatchSpecCodec;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.report.RunDirectory;
import org.momentumlab.util.ComputePool;

/** The experiment kinds a sweep can run, dispatched on the spec's {@code experiment} field. */
final class Kinds {
    private Kinds() {
    }

    static String kind(SpecTree t) {
        var n = t.root().get("experiment");
        return n == null ? PatchSpecCodec.KIND : n.asText();
    }

    private static void requireKnown(SpecTree t) {
        if (!kind(t).equals(PatchSpecCodec.KIND)) {
            throw new SpecException("experiment = '" + kind(t) + "' is not allowed: must be one of " + PatchSpecCodec.KIND);
        }
    }

    /** Decodes the spec (all checks) or throws a SpecException naming the problem. */
    static void validate(SpecTree t) {
        requireKnown(t);
        PatchSpecCodec.decode(t);
    }

    static List<Long> seeds(SpecTree base) {
        requireKnown(base);
        SpecTree copy = new SpecTree(base.root().deepCopy());
        copy.root().remove("sweep");
        return PatchSpecCodec.decode(copy).seeds();
    }

    static String name(SpecTree base) {
        var n = base.root().get("name");
        return n == null ? "experiment" : n.asText();
    }

    /** Runs one sweep task and writes its run directory (no figures). */
    static void runTask(SweepPlan.Task task, int threads, Path dir) throws Exception {
        PatchExperimentSpec spec = PatchSpecCodec.decode(task.spec());
        Instant start = Instant.now();
        List<RunSeries> runs;
        try (ComputePool pool = new ComputePool(threads)) {
            runs = PatchExperiment.run(spec, pool, org.momentumlab.experiment.ExperimentListener.NONE);
        }
        String yaml = new SpecTree(PatchSpecCodec.encode(spec)).toYaml();
        Provenance prov = new Provenance(Provenance.projectVersion(), Provenance.currentGitCommit(), "mlab sweep task " + task.id(),
                threads, spec.seeds(), start, Instant.now());
        RunDirectory.write(dir, yaml, prov, runs, false);
    }
}
