package org.momentumlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchSpecCodecTest {

    static final String MINIMAL = """
            name: tiny
            data: {n_train: 100, n_test: 50, d: 6, patches: 3}
            optimizers:
              gd: {type: gd, lr: 0.5}
              gdm: {type: gd_momentum, lr: 0.5, gamma: 0.9}
            """;

    static PatchExperimentSpec decode(String yaml, String... overrides) {
        SpecTree t = SpecTree.parse(yaml, "test");
        for (String o : overrides) {
            t.override(o);
        }
        return PatchSpecCodec.decode(t);
    }

    static String error(String yaml, String... overrides) {
        return assertThrows(SpecException.class, () -> decode(yaml, overrides)).getMessage();
    }

    @Test
    void defaultsAlphaRuleAndResolvedRoundTrip() {
        PatchExperimentSpec s = decode(MINIMAL, "data.alpha=d^0.5", "optimizers.gdm.gamma=0.99", "seeds=0..2");
        assertEquals(Math.sqrt(6), s.data().alpha(), 1e-15);
        assertEquals(0.99, s.optimizers().get("gdm").momentum());
        assertEquals(List.of(0L, 1L, 2L), s.seeds());
        assertEquals(0.05, s.data().mu());
        String resolved = new SpecTree(PatchSpecCodec.encode(s)).toYaml();
        PatchExperimentSpec again = PatchSpecCodec.decode(SpecTree.parse(resolved, "resolved"));
        assertEquals(s, again);
        assertEquals(resolved, new SpecTree(PatchSpecCodec.encode(again)).toYaml());
    }

    @Test
    void everyPresetDecodesAndRoundTrips() {
        for (String p : List.of("momentum-vs-gd", "momentum-vs-gd-quick")) {
            PatchExperimentSpec s = PatchSpecCodec.decode(SpecTree.preset(p));
            assertEquals(s, PatchSpecCodec.decode(new SpecTree(PatchSpecCodec.encode(s))));
        }
    }

    @Test
    void overridesAddOptimizersAndParseScalars() {
        PatchExperimentSpec s = decode(MINIMAL, "optimizers.nag.type=torch_sgd", "optimizers.nag.lr=0.1",
                "optimizers.nag.momentum=0.9", "optimizers.nag.nesterov=true", "model.precision=float32", "train.steps=1e3");
        OptimizerSpec nag = s.optimizers().get("nag");
        assertEquals("torch_sgd", nag.type());
        assertEquals(true, nag.nesterov());
        assertEquals(1000, s.train().steps());
    }

    @Test
    void errorsNameTheKeyAndTheProblem() {
        assertEquals("unknown key 'data.muu' (not a field of data; mlab describe lists every field)", error(MINIMAL, "data.muu=0.1"));
        assertEquals("unknown key 'optimizers.gd.gamma' (not a field of optimizers.gd; mlab describe lists every field)",
                error(MINIMAL, "optimizers.gd.gamma=0.9"));
        assertEquals("data.mu must be a number, got 'abc'", error(MINIMAL, "data.mu=abc"));
        assertEquals("data.mu = 2.0 is out of range: must be in [0, 1]", error(MINIMAL, "data.mu=2"));
        assertEquals("optimizers.gdm.gamma = 1.0 is out of range: must be in [0, 1)", error(MINIMAL, "optimizers.gdm.gamma=1"));
        assertEquals("optimizers.gd.lr = -1.0 is out of range: must be >= 0", error(MINIMAL, "optimizers.gd.lr=-1"));
        assertEquals("model.precision = 'float16' is not allowed: must be one of float64, float32", error(MINIMAL, "model.precision=float16"));
        assertEquals("optimizers.x.type = 'adam' is not allowed: must be one of gd, gd_momentum, heavy_ball, torch_sgd, optax_sgd, sutskever_nesterov",
                error(MINIMAL, "optimizers.x.type=adam", "optimizers.x.lr=1"));
        assertEquals("train.steps must be a whole number, got '1.5'", error(MINIMAL, "train.steps=1.5"));
        assertEquals("override 'data.mu' must have the form key=value, e.g. data.mu=0.05", error(MINIMAL, "data.mu"));
        assertEquals("seeds = '3..1' must be a range lo..hi with lo <= hi", error(MINIMAL, "seeds=3..1"));
        assertEquals("train.batch_size = 500 is out of range: must be <= data.n_train = 100", error(MINIMAL, "train.batch_size=500"));
        assertEquals("name = '../x' must be letters, digits, '.', '_' or '-' (it names the run directory)", error(MINIMAL, "name=../x"));
        assertEquals("name = '../x' must be letters, digits, '.', '_' or '-' (it names the run directory)",
                assertThrows(SpecException.class, () -> FlowOrderCodec.decode(SpecTree.parse("experiment: flow-order\nname: ../x\n", "s"))).getMessage());
    }

    @Test
    void malformedYamlIsOneLineWithItsLine() {
        String msg = assertThrows(SpecException.class, () -> SpecTree.parse("data:\n  mu: [0.1\n", "bad.yaml")).getMessage();
        assertEquals(true, msg.startsWith("malformed YAML in bad.yaml at line "), msg);
        assertEquals(-1, msg.indexOf('\n'));
        assertEquals("spec s must be a YAML mapping of sections (data, model, ...), got a list",
                assertThrows(SpecException.class, () -> SpecTree.parse("- 1\n- 2\n", "s")).getMessage());
    }

    @Test
    void stabilityLimitsOfTheUpdateRules() {
        PatchExperimentSpec s = decode(MINIMAL, "optimizers.hb.type=heavy_ball", "optimizers.hb.lr=0.1", "optimizers.hb.beta=0.5",
                "optimizers.nag.type=sutskever_nesterov", "optimizers.nag.lr=0.1", "probe.sharpness_every=5");
        assertEquals(2 / 0.5, s.optimizers().get("gd").stabilityLimit(), 1e-15);
        // EMA form (eta, gamma) = heavy ball (h = eta (1 - gamma), beta = gamma): 2 (1 + gamma) / (eta (1 - gamma))
        assertEquals(2 * 1.9 / (0.5 * 0.1), s.optimizers().get("gdm").stabilityLimit(), 1e-9);
        assertEquals(2 * 1.5 / 0.1, s.optimizers().get("hb").stabilityLimit(), 1e-12);
        assertEquals(Double.NaN, s.optimizers().get("nag").stabilityLimit());
        assertEquals(5, s.sharpnessEvery());
    }

    @Test
    void seedsSyntax() {
        assertEquals(List.of(0L, 3L, 7L), PatchSpecCodec.parseSeeds("0,3,7", "--seeds"));
        assertEquals(List.of(2L, 3L, 4L), PatchSpecCodec.parseSeeds("2..4", "--seeds"));
        assertEquals("--seeds = 'a' must be a range like 0..4 or a list like 0,3,7",
                assertThrows(SpecException.class, () -> PatchSpecCodec.parseSeeds("a", "--seeds")).getMessage());
    }

    @Test
    void statsUseTheSampleStandardDeviation() {
        Summary.Stats s = Summary.Stats.of(new double[] {1, 2, 3, 4, Double.NaN});
        assertEquals(2.5, s.mean(), 0);
        assertEquals(Math.sqrt(5.0 / 3.0), s.std(), 1e-15);
        assertEquals(1, s.min(), 0);
        assertEquals(4, s.max(), 0);
        assertEquals(4, s.count());
    }
}
