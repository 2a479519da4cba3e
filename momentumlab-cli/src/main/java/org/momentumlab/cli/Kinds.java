package org.momentumlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.Param;
import org.momentumlab.experiment.PatchExperiment;
import org.momentumlab.experiment.PatchExperimentSpec;
import org.momentumlab.experiment.PatchSpecCodec;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.TeacherStudentCodec;
import org.momentumlab.experiment.TeacherStudentExperiment;
import org.momentumlab.experiment.TeacherStudentSpec;
import org.momentumlab.experiment.FlowOrderCodec;
import org.momentumlab.experiment.FlowOrderExperiment;
import org.momentumlab.experiment.FlowOrderSpec;
import org.momentumlab.experiment.SgdmFlowCodec;
import org.momentumlab.experiment.SgdmFlowExperiment;
import org.momentumlab.experiment.SgdmFlowSpec;
import org.momentumlab.experiment.ToyCodec;
import org.momentumlab.experiment.ToyExperiment;
import org.momentumlab.experiment.ToySpec;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.report.RunDirectory;
import org.momentumlab.util.ComputePool;

/** The experiment kinds, dispatched on a spec's {@code experiment} field (default patch-cnn). */
final class Kinds {
    private Kinds() {
    }

    /** A decoded experiment of any kind, as the commands need it. */
    interface Experiment {
        String name();

        String description();

        List<Long> seeds();

        int optimizerCount();

        long steps();

        /** The fully resolved spec tree (re-runnable as is). */
        ObjectNode resolved();

        /** Documented fields; a key ending in ".*" documents every field under that section. */
        List<Param> params();

        Map<String, String> sources();

        List<RunSeries> run(ComputePool pool, ExperimentListener listener);
    }

    /** An experiment as its decoded fields plus the function that runs it. */
    record Decoded(String name, String description, List<Long> seeds, int optimizerCount, long steps, ObjectNode resolved,
                   List<Param> params, Map<String, String> sources,
                   java.util.function.BiFunction<ComputePool, ExperimentListener, List<RunSeries>> runner) implements Experiment {
        @Override
        public List<RunSeries> run(ComputePool pool, ExperimentListener listener) {
            return runner.apply(pool, listener);
        }
    }

    static final List<String> KINDS = List.of(PatchSpecCodec.KIND, TeacherStudentCodec.KIND, ToyCodec.KIND, FlowOrderCodec.KIND, SgdmFlowCodec.KIND);

    static String kind(SpecTree t) {
        var n = t.root().get("experiment");
        String k = n == null ? PatchSpecCodec.KIND : n.asText();
        if (!KINDS.contains(k)) {
            throw new SpecException("experiment = '" + k + "' is not allowed: must be one of " + String.join(", ", KINDS));
        }
        return k;
    }

    /** Decodes (and fully checks) a spec tree; the {@code sweep} section, if any, must have been removed. */
    static Experiment decode(SpecTree t) {
        if (t.root().has("sweep")) {
            throw new SpecException("this spec has a sweep section: run it with mlab sweep");
        }
        if (kind(t).equals(SgdmFlowCodec.KIND)) {
            SgdmFlowSpec s = SgdmFlowCodec.decode(t);
            return new Decoded(s.name(), s.description(), List.of(0L), s.betas().size() * 2 + s.varianceBetas().size(),
                    s.halvings() + 1, SgdmFlowCodec.encode(s), SgdmFlowCodec.PARAMS, s.sources(),
                    (pool, l) -> SgdmFlowExperiment.run(s, l));
        }
        if (kind(t).equals(FlowOrderCodec.KIND)) {
            FlowOrderSpec s = FlowOrderCodec.decode(t);
            return new Decoded(s.name(), s.description(), List.of(0L), s.objectives().size() * s.betas().size() * 4,
                    s.halvings() + 1, FlowOrderCodec.encode(s), FlowOrderCodec.PARAMS, s.sources(),
                    (pool, l) -> FlowOrderExperiment.run(s, pool, l));
        }
        if (kind(t).equals(ToyCodec.KIND)) {
            ToySpec s = ToyCodec.decode(t);
            return new Decoded(s.name(), s.description(), s.seeds(), s.optimizers().size(),
                    s.steps(), ToyCodec.encode(s), ToyCodec.PARAMS, s.sources(),
                    (pool, l) -> ToyExperiment.run(s, l));
        }
        if (kind(t).equals(TeacherStudentCodec.KIND)) {
            TeacherStudentSpec s = TeacherStudentCodec.decode(t);
            return new Decoded(s.name(), s.description(), s.seeds(), s.optimizers().size(),
                    s.epochs() * s.stepsPerEpoch(), TeacherStudentCodec.encode(s), TeacherStudentCodec.PARAMS, s.sources(),
                    (pool, l) -> TeacherStudentExperiment.run(s, pool, l));
        }
        PatchExperimentSpec s = PatchSpecCodec.decode(t);
        return new Decoded(s.name(), s.description(), s.seeds(), s.optimizers().size(),
                    s.train().steps(), PatchSpecCodec.encode(s), PatchSpecCodec.PARAMS, s.sources(),
                    (pool, l) -> PatchExperiment.run(s, pool, l));
    }

    /** The base spec of a sweep (its sweep section removed), decoded. */
    static Experiment base(SpecTree tree) {
        return decode(SweepPlan.of(tree, List.of(0L)).base());
    }

    /** Runs one sweep task and writes its run directory (no figures). */
    static void runTask(SweepPlan.Task task, int threads, Path dir) throws Exception {
        Experiment e = decode(task.spec());
        Instant start = Instant.now();
        List<RunSeries> runs;
        try (ComputePool pool = new ComputePool(threads)) {
            runs = e.run(pool, ExperimentListener.NONE);
        }
        Provenance prov = new Provenance(Provenance.projectVersion(), Provenance.currentGitCommit(), "mlab sweep task " + task.id(),
                threads, e.seeds(), start, Instant.now());
        RunDirectory.write(dir, new SpecTree(e.resolved()).toYaml(), prov, runs, false);
    }
}
