package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.rundir.MetricsCsv;
import org.momentumlab.experiment.RunSeries;

class MlabCliTest {
    static final String TINY = """
            name: tiny
            description: a tiny spec for tests
            seeds: 0..1
            data: {n_train: 300, n_test: 100, d: 6, patches: 3, mu: 0.2}
            model: {neurons: 3, init_std: 0.1}
            train: {steps: 30}
            probe: {every: 10}
            optimizers:
              gd: {type: gd, lr: 0.5}
              gdm: {type: gd_momentum, lr: 0.5, gamma: 0.9}
            """;

    record Result(int code, String out, String err) {
    }

    static Result mlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Mlab.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void runWritesACompleteReRunnableDirectory(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("tiny.yaml");
        Files.writeString(spec, TINY);
        Path out = tmp.resolve("runs");
        Result r = mlab("run", spec.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<Path> dirs = list(out);
        assertEquals(1, dirs.size(), dirs.toString());
        Path dir = dirs.get(0);
        assertTrue(dir.getFileName().toString().startsWith("tiny-"));
        for (String f : List.of("spec.yaml", "provenance.json", "layout.json", "metrics.csv", "summary.json", "table.md")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(r.out().contains("run directory: " + dir), r.out());
        assertTrue(r.out().contains("test acc small"), r.out());

        ObjectMapper json = new ObjectMapper();
        JsonNode prov = json.readTree(dir.resolve("provenance.json").toFile());
        assertEquals(2, prov.get("threads").asInt());
        assertEquals("[0,1]", prov.get("seeds").toString());
        for (String k : List.of("version", "git_commit", "git_dirty", "spec_sha256", "simd", "java_version", "os", "cpus", "start", "end", "command")) {
            assertNotNull(prov.get(k), k);
        }

        // summary.json agrees with the last row of each run in metrics.csv
        List<RunSeries> runs = MetricsCsv.read(dir.resolve("metrics.csv"));
        assertEquals(4, runs.size());
        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        for (JsonNode run : summary.get("runs")) {
            RunSeries series = runs.stream().filter(s -> s.id().equals(run.get("run").asText())).findFirst().orElseThrow();
            assertEquals(30, series.metrics().step(series.metrics().rows() - 1));
            for (String m : List.of("train_loss", "train_acc", "test_acc_large", "test_acc_small", "max_signal", "noise_small_mean")) {
                assertEquals(series.metrics().last(m), run.get("final").get(m).asDouble(), 0, m);
            }
            assertEquals(false, run.get("diverged").asBoolean());
        }
        JsonNode gd = summary.get("over_seeds").get("gd");
        assertEquals(2, gd.get("seeds").asInt());
        double a = summary.get("runs").get(0).get("final").get("train_acc").asDouble();
        double b = summary.get("runs").get(2).get("final").get("train_acc").asDouble();
        assertEquals((a + b) / 2, gd.get("train_acc").get("mean").asDouble(), 1e-15);

        // figures: valid PNG and SVG
        Path figs = dir.resolve("figures");
        for (String name : List.of("figure3", "train_loss", "test_acc_large", "test_acc_small", "max_signal", "noise_small")) {
            var img = ImageIO.read(figs.resolve(name + ".png").toFile());
            assertNotNull(img, name);
            assertTrue(img.getWidth() >= 500 && img.getHeight() >= 300, name);
            DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
            xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var doc = xml.newDocumentBuilder().parse(figs.resolve(name + ".svg").toFile());
            assertEquals("svg", doc.getDocumentElement().getNodeName(), name);
        }

        // the resolved spec re-runs to identical metrics, on another thread count
        Path out2 = tmp.resolve("again");
        Result again = mlab("run", dir.resolve("spec.yaml").toString(), "--out", out2.toString(), "--threads", "1");
        assertEquals(0, again.code(), again.err());
        Path dir2 = list(out2).get(0);
        assertArrayEquals(Files.readAllBytes(dir.resolve("metrics.csv")), Files.readAllBytes(dir2.resolve("metrics.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("spec.yaml")), Files.readAllBytes(dir2.resolve("spec.yaml")));

        // report re-draws figures from the run directory alone
        Files.delete(figs.resolve("figure3.png"));
        Result rep = mlab("report", dir.toString());
        assertEquals(0, rep.code(), rep.err());
        assertNotNull(ImageIO.read(figs.resolve("figure3.png").toFile()));
        assertTrue(rep.out().contains("gdm"), rep.out());
    }

    static void assertUserError(Result r, String expectedLine, Path out) throws IOException {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("mlab: " + expectedLine + System.lineSeparator(), r.err());
        assertEquals(List.of(), list(out).stream().filter(p -> !Files.isRegularFile(p)).toList(), "no run directory left behind");
    }

    @Test
    void userMistakesAreOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        Path spec = tmp.resolve("tiny.yaml");
        Files.writeString(spec, TINY);
        assertUserError(mlab("run", "no-such-preset", "--out", out.toString()),
                "unknown preset 'no-such-preset' (presets: momentum-vs-gd, momentum-vs-gd-quick, teacher-student, teacher-student-sgd, optimizer-noise, optimizer-noise-quick, igr-toy, flow-order, sgdm-flow, "
                + "saddle-escape, saddle-escape-quick, saddle-escape-noise, saddle-escape-matched, phase-retrieval, phase-retrieval-quick, "
                + "fashion-mnist-sgdm, fashion-mnist-quick, fashion-momentum, fashion-small-margin, fashion-batch-norm, fashion-ghosh, fashion-noise, "
                + "cifar-momentum, cifar-small-margin, cifar-batch-norm, cifar-ghosh; or give a spec file ending in .yaml)", out);
        assertUserError(mlab("run", spec.toString(), "--set", "data.sigmaa=1", "--out", out.toString()),
                "unknown key 'data.sigmaa' (not a field of data; mlab describe lists every field)", out);
        assertUserError(mlab("run", spec.toString(), "--set", "data.mu=1.5", "--out", out.toString()),
                "data.mu = 1.5 is out of range: must be in [0, 1]", out);
        assertUserError(mlab("run", spec.toString(), "--set", "optimizers.gd.lr=fast", "--out", out.toString()),
                "optimizers.gd.lr must be a number, got 'fast'", out);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "data:\n  mu: [0.1\n");
        Result malformed = mlab("run", bad.toString(), "--out", out.toString());
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().startsWith("mlab: malformed YAML in " + bad + " at line "), malformed.err());
        assertEquals(1, malformed.err().lines().count());
        assertUserError(mlab("run", tmp.resolve("missing.yaml").toString(), "--out", out.toString()),
                "spec file " + tmp.resolve("missing.yaml") + " does not exist", out);
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        Result unwritable = mlab("run", spec.toString(), "--out", file.resolve("runs").toString());
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().startsWith("mlab: output directory " + file.resolve("runs") + " is not writable"), unwritable.err());
        assertEquals(1, unwritable.err().lines().count());
        assertUserError(mlab("run", spec.toString(), "--seeds", "x", "--out", out.toString()),
                "--seeds = 'x' must be a range like 0..4 or a list like 0,3,7", out);
        assertUserError(mlab("run", spec.toString(), "--threads", "0", "--out", out.toString()),
                "--threads = 0 is out of range: must be in [1, 1024]", out);
        assertUserError(mlab("report", tmp.toString()), tmp + " is not a finished run directory (no metrics.csv and summary.json)", out);
        assertUserError(mlab("run", "--out", out.toString()), "give a preset (mlab list) or a spec file, or --resume RUN-DIR", out);
        Path nothing = tmp.resolve("nothing");
        assertUserError(mlab("run", "--resume", nothing.toString()), "--resume " + nothing + ": no such directory", out);
        assertUserError(mlab("run", "--resume", tmp.toString()), "--resume " + tmp + ": not a run directory (it has no spec.yaml)", out);
        assertUserError(mlab("run", spec.toString(), "--resume", tmp.toString()),
                "--resume continues " + tmp + " with its own spec: give no PRESET|SPEC.yaml, --set or --seeds", out);
        Result flag = mlab("run", spec.toString(), "--no-such-flag");
        assertEquals(2, flag.code());
        assertEquals(1, flag.err().lines().count(), flag.err());
        assertEquals(List.of(), list(out));
    }

    @Test
    void everyPresetDescribes() {
        for (String p : org.momentumlab.experiment.ExperimentKinds.presets()) {
            Result d = mlab("describe", p);
            assertEquals(0, d.code(), p + ": " + d.err());
            assertTrue(d.out().lines().allMatch(l -> l.length() <= 100), p + ": a line is wider than the terminal");
        }
        assertEquals(26, org.momentumlab.experiment.ExperimentKinds.presets().size());
    }

    @Test
    void listAndDescribe() {
        Result l = mlab("list");
        assertEquals(0, l.code());
        assertTrue(l.out().lines().anyMatch(s -> s.startsWith("momentum-vs-gd ")), l.out());
        Result d = mlab("describe", "momentum-vs-gd", "--set", "data.mu=0.01");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().lines().anyMatch(s -> s.startsWith("data.mu ") && s.contains("0.01")), d.out());
        assertTrue(d.out().lines().anyMatch(s -> s.startsWith("optimizers.gdm.gamma ")), d.out());
        List<String> lines = d.out().lines().toList();
        int nTrain = lines.indexOf(lines.stream().filter(s -> s.startsWith("data.n_train ")).findFirst().orElseThrow());
        assertTrue(lines.get(nTrain).contains("N, number of training examples"), d.out());
        assertTrue(lines.get(nTrain + 1).trim().equals("source: paper (Figure 3)"), d.out());
    }
}
