package org.momentumlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.patch.PatchCnnSpec;
import org.momentumlab.experiment.spec.SeedList;
import org.momentumlab.experiment.spec.SpecDocs;
import org.momentumlab.experiment.sweep.SweepPlan;

/** Specs bound to records: defaults, overrides, round trips of every preset, and one-line errors naming the key. */
class SpecBindingTest {

    static final String MINIMAL = """
            name: tiny
            data: {n_train: 100, n_test: 50, d: 6, patches: 3}
            optimizers:
              gd: {type: gd, lr: 0.5}
              gdm: {type: gd_momentum, lr: 0.5, gamma: 0.9}
            """;

    static Spec<?> bind(String yaml, String... overrides) {
        SpecTree t = SpecTree.parse(yaml, "test");
        for (String o : overrides) {
            t.override(o);
        }
        return ExperimentKinds.bind(t);
    }

    @SuppressWarnings("unchecked")
    static Spec<PatchCnnSpec> patch(String yaml, String... overrides) {
        return (Spec<PatchCnnSpec>) bind(yaml, overrides);
    }

    static String error(String yaml, String... overrides) {
        return assertThrows(SpecException.class, () -> bind(yaml, overrides)).getMessage();
    }

    @Test
    void defaultsAlphaRuleAndResolvedRoundTrip() {
        Spec<PatchCnnSpec> s = patch(MINIMAL, "data.alpha=d^0.5", "optimizers.gdm.gamma=0.99", "seeds=0..2");
        assertEquals("patch-cnn", s.kind().id());
        assertEquals(Math.sqrt(6), s.body().data().distribution().alpha(), 1e-15);
        assertEquals(0.99, s.body().optimizers().get("gdm").momentum());
        assertEquals(List.of(0L, 1L, 2L), s.seeds());
        assertEquals(0.05, s.body().data().mu());
        assertEquals(PatchCnnSpec.DEFAULTS.train(), s.body().train());
        String resolved = s.toYaml();
        Spec<?> again = ExperimentKinds.bind(SpecTree.parse(resolved, "resolved"));
        assertEquals(s, again);
        assertEquals(resolved, again.toYaml());
        assertTrue(resolved.contains("alpha: d^0.5"), resolved);
    }

    /** Every preset (and every task of a preset's sweep) binds, and its resolved spec binds back to an equal record. */
    @Test
    void everyPresetRoundTripsItsRecord() {
        List<String> presets = ExperimentKinds.presets();
        // the example kind of the test sources registers too
        assertEquals(List.of("momentum-vs-gd", "momentum-vs-gd-quick", "teacher-student", "teacher-student-sgd", "optimizer-noise",
                "optimizer-noise-quick", "igr-toy",
                "flow-order", "sgdm-flow", "saddle-escape", "saddle-escape-quick", "saddle-escape-noise", "saddle-escape-matched",
                "phase-retrieval", "phase-retrieval-quick"), presets.stream().filter(p -> !p.equals("quadratic-example")).toList());
        for (String p : presets) {
            SpecTree tree = SpecTree.preset(p);
            SweepPlan plan = SweepPlan.of(tree, List.of(0L, 1L));
            List<SpecTree> trees = new ArrayList<>(List.of(plan.base()));
            if (!plan.grid().isEmpty()) {
                plan.tasks().forEach(t -> trees.add(t.spec()));
            }
            for (SpecTree t : trees) {
                Spec<?> s = ExperimentKinds.bind(t);
                Spec<?> again = ExperimentKinds.bind(new SpecTree(s.resolved()));
                assertEquals(s, again, p);
                assertEquals(s.body(), again.body(), p);
                assertEquals(s.resolved(), again.resolved(), p);
            }
            assertEquals(p, ExperimentKinds.bind(plan.base()).name());
        }
    }

    /** Every field of every preset's resolved spec has a meaning written on its record. */
    @Test
    void everyFieldIsDocumented() {
        for (String p : ExperimentKinds.presets()) {
            Spec<?> s = ExperimentKinds.bind(SweepPlan.of(SpecTree.preset(p), List.of(0L)).base());
            Map<String, String> meaning = new java.util.HashMap<>(SpecDocs.meanings(s.header(), ""));
            meaning.putAll(SpecDocs.meanings(s.body(), ""));
            SpecDocs.leaves(s.resolved(), "", (key, v) -> {
                if (!key.startsWith("sources")) { // the entries of a map field (labels.gd) have the map's meaning
                    String field = key.startsWith("labels.") ? "labels" : key;
                    assertTrue(meaning.containsKey(field), p + ": " + key + " has no meaning");
                }
            });
        }
    }

    @Test
    void overridesAddOptimizersAndParseScalars() {
        Spec<PatchCnnSpec> s = patch(MINIMAL, "optimizers.nag.type=torch_sgd", "optimizers.nag.lr=0.1",
                "optimizers.nag.momentum=0.9", "optimizers.nag.nesterov=true", "model.precision=float32", "train.steps=1e3");
        OptimizerSpec nag = s.body().optimizers().get("nag");
        assertEquals("torch_sgd", nag.type());
        assertEquals(new UpdateRule.TorchSgd(0.9, 0, true, 0), nag.rule());
        assertEquals(1000, s.body().train().steps());
        assertEquals(org.momentumlab.model.Precision.FLOAT32, s.body().model().precision());
        assertEquals(List.of("gd", "gdm", "nag"), List.copyOf(s.body().optimizers().keySet()));
        // a spec says what it compares: no default optimizers
        assertEquals("optimizers is empty: give at least one, e.g. --set optimizers.gd.type=gd --set optimizers.gd.lr=0.1", error("name: x\n"));
        // fields a schedule shape does not use are reset, so the record reads back equal
        Spec<PatchCnnSpec> step = patch(MINIMAL, "optimizers.gd.schedule=step", "optimizers.gd.step_every=7", "optimizers.gdm.lr_min=0.1");
        assertEquals(7, step.body().optimizers().get("gd").schedule().stepEvery());
        assertEquals(0, step.body().optimizers().get("gdm").schedule().lrMin());
    }

    @Test
    void errorsNameTheKeyTheValueAndWhatIsAllowed() {
        assertEquals("unknown key 'data.muu' (not a field of data; mlab describe lists every field)", error(MINIMAL, "data.muu=0.1"));
        assertEquals("unknown key 'datta' (not a field of the top level; mlab describe lists every field)", error(MINIMAL, "datta.mu=0.1"));
        assertEquals("unknown key 'optimizers.gd.gamma' (not a field of optimizers.gd; mlab describe lists every field)",
                error(MINIMAL, "optimizers.gd.gamma=0.9"));
        assertEquals("data.mu must be a number, got 'abc'", error(MINIMAL, "data.mu=abc"));
        assertEquals("data.mu = 2.0 is out of range: must be in [0, 1]", error(MINIMAL, "data.mu=2"));
        assertEquals("optimizers.gdm.gamma = 1.0 is out of range: must be in [0, 1)", error(MINIMAL, "optimizers.gdm.gamma=1"));
        assertEquals("optimizers.gd.lr = -1.0 is out of range: must be >= 0", error(MINIMAL, "optimizers.gd.lr=-1"));
        assertEquals("model.precision = 'float16' is not allowed: must be one of float64, float32", error(MINIMAL, "model.precision=float16"));
        assertEquals("optimizers.x.type = 'adam' is not allowed: must be one of gd, gd_momentum, heavy_ball, torch_sgd, optax_sgd, sutskever_nesterov",
                error(MINIMAL, "optimizers.x.type=adam", "optimizers.x.lr=1"));
        assertEquals("optimizers.x.type is missing: must be one of gd, gd_momentum, heavy_ball, torch_sgd, optax_sgd, sutskever_nesterov",
                error(MINIMAL, "optimizers.x.lr=1"));
        assertEquals("optimizers.x.lr is missing: every optimizer needs a learning rate", error(MINIMAL, "optimizers.x.type=gd"));
        assertEquals("optimizers.gd.schedule = 'linear' is not allowed: must be one of constant, step, cosine",
                error(MINIMAL, "optimizers.gd.schedule=linear"));
        assertEquals("optimizers.nag.nesterov = true requires momentum > 0 and dampening = 0, got momentum = 0.9, dampening = 0.5",
                error(MINIMAL, "optimizers.nag.type=torch_sgd", "optimizers.nag.lr=0.1", "optimizers.nag.nesterov=true", "optimizers.nag.dampening=0.5"));
        assertEquals("optimizers.gd.nesterov must be true or false, got 'maybe'", error(MINIMAL, "optimizers.gd.type=optax_sgd", "optimizers.gd.nesterov=maybe"));
        assertEquals("train.steps must be a whole number, got '1.5'", error(MINIMAL, "train.steps=1.5"));
        assertEquals("data must be a section (a mapping of fields), got '5'", error(MINIMAL, "data=5"));
        assertEquals("override 'data.mu' must have the form key=value, e.g. data.mu=0.05", error(MINIMAL, "data.mu"));
        assertEquals("seeds = '3..1' must be a range lo..hi with lo <= hi", error(MINIMAL, "seeds=3..1"));
        assertEquals("seeds[1] must be a whole number, got 'x'", error(MINIMAL, "seeds=[0, x]"));
        assertEquals("seeds = '[1,1]' repeats a seed", error(MINIMAL, "seeds=[1, 1]"));
        assertEquals("train.batch_size = 500 is out of range: must be <= data.n_train = 100", error(MINIMAL, "train.batch_size=500"));
        assertEquals("name = '../x' must be letters, digits, '.', '_' or '-' (it names the run directory)", error(MINIMAL, "name=../x"));
        assertEquals("name = '../x' must be letters, digits, '.', '_' or '-' (it names the run directory)", error("experiment: flow-order\nname: ../x\n"));
        assertTrue(error("experiment: adam\n").startsWith("experiment = 'adam' is not allowed: must be one of "));
        assertTrue(error("experiment: adam\n").contains("patch-cnn, teacher-student, toy, flow-order, sgdm-flow"));
        assertEquals("betas[1] = 1.0 is out of range: must be in [0, 1)", error("experiment: flow-order\nbetas: [0, 1]\n"));
        assertEquals("betas[0] must be a number, got 'x'", error("experiment: flow-order\nbetas: [x]\n"));
        assertEquals("objectives.toy.h0 is missing: largest step h0", error("experiment: flow-order\nobjectives: {toy: {horizon: 1}}\n"));
        assertEquals("objectives.quad is not allowed: objectives are toy, cubic_cnn", error("experiment: flow-order\nobjectives: {quad: {horizon: 1, h0: 0.1}}\n"));
        assertEquals("seeds = [1] is not allowed: flow-order is deterministic and runs seed 0 only (leave seeds out)", error("experiment: flow-order\nseeds: [1]\n"));
        assertEquals("variance.replicates = 2 is out of range: must be >= 3", error("experiment: sgdm-flow\nvariance: {replicates: 2}\n"));
        assertEquals("student.arch = 'rnn' is not allowed: must be one of linear, 1-mlp, 2-mlp, 1-cnn, 2-cnn",
                error("experiment: teacher-student\nstudent: {arch: rnn}\n"));
        assertEquals("student.kernel = 40 is out of range: must be <= d = 30", error("experiment: teacher-student\nstudent: {arch: 1-cnn, kernel: 40}\n"));
        assertEquals("unknown key 'student.depth' (not a field of student; mlab describe lists every field)",
                error("experiment: teacher-student\nstudent: {arch: 1-cnn, depth: 4}\n"));
        assertEquals("objective.x = NaN is not a finite number", error("experiment: toy\nobjective: {x: nan}\n"));
    }

    @Test
    void malformedYamlIsOneLineWithItsLine() {
        String msg = assertThrows(SpecException.class, () -> SpecTree.parse("data:\n  mu: [0.1\n", "bad.yaml")).getMessage();
        assertTrue(msg.startsWith("malformed YAML in bad.yaml at line "), msg);
        assertEquals(-1, msg.indexOf('\n'));
        assertEquals("spec s must be a YAML mapping of sections (data, model, ...), got a list",
                assertThrows(SpecException.class, () -> SpecTree.parse("- 1\n- 2\n", "s")).getMessage());
    }

    @Test
    void noMessageNamesAJavaClass() {
        for (String bad : List.of("data=[1]", "optimizers=3", "optimizers.gd=3", "seeds={a: 1}", "data.w_star=[1]", "probe=[]",
                "probe.every=[1, 2]", "optimizers.gd.lr={a: 1}")) {
            String msg = error(MINIMAL, bad);
            assertFalse(msg.matches(".*(java\\.|org\\.momentumlab|com\\.fasterxml|Exception).*"), bad + ": " + msg);
            assertEquals(-1, msg.indexOf('\n'), msg);
        }
    }

    @Test
    void stabilityLimitsOfTheUpdateRules() {
        Spec<PatchCnnSpec> s = patch(MINIMAL, "optimizers.hb.type=heavy_ball", "optimizers.hb.lr=0.1", "optimizers.hb.beta=0.5",
                "optimizers.nag.type=sutskever_nesterov", "optimizers.nag.lr=0.1", "probe.sharpness_every=5");
        var o = s.body().optimizers();
        assertEquals(2 / 0.5, o.get("gd").stabilityLimit(), 1e-15);
        // EMA form (eta, gamma) = heavy ball (h = eta (1 - gamma), beta = gamma): 2 (1 + gamma) / (eta (1 - gamma))
        assertEquals(2 * 1.9 / (0.5 * 0.1), o.get("gdm").stabilityLimit(), 1e-9);
        assertEquals(2 * 1.5 / 0.1, o.get("hb").stabilityLimit(), 1e-12);
        assertEquals(Double.NaN, o.get("nag").stabilityLimit());
        assertEquals(5, s.body().probe().sharpnessEvery());
    }

    @Test
    void seedsSyntax() {
        assertEquals(List.of(0L, 3L, 7L), SeedList.parse("0,3,7", "--seeds"));
        assertEquals(List.of(2L, 3L, 4L), SeedList.parse("2..4", "--seeds"));
        assertEquals("--seeds = 'a' must be a range like 0..4 or a list like 0,3,7",
                assertThrows(SpecException.class, () -> SeedList.parse("a", "--seeds")).getMessage());
    }

    @Test
    void kindsAreDiscoveredWithUniqueIdsAndOneDefault() {
        List<String> ids = ExperimentKinds.all().stream().map(ExperimentKind::id).toList();
        assertEquals(List.of("patch-cnn", "teacher-student", "toy", "flow-order", "sgdm-flow", "saddle-escape"),
                ids.stream().filter(i -> !i.equals("quadratic-example")).toList());
        assertTrue(ids.contains("quadratic-example"), "the example kind of the test sources is found like any other");
        assertEquals(1, ExperimentKinds.all().stream().filter(ExperimentKind::isDefault).count());
        for (ExperimentKind<?> k : ExperimentKinds.all()) {
            assertTrue(k.specType().isRecord(), k.id());
            assertEquals(k.specType(), k.defaults().getClass(), k.id());
        }
    }
}
