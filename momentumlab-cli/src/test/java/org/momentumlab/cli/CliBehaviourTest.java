package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.rundir.RunDirectory;

/** What people expect of the command line: help, refusals before work, warnings, diff, and nothing lost on interruption. */
class CliBehaviourTest {

    static Path tiny(Path tmp) throws IOException {
        Path spec = tmp.resolve("tiny.yaml");
        Files.writeString(spec, MlabCliTest.TINY);
        return spec;
    }

    @Test
    void everySubcommandHasHelp() {
        for (String c : List.of("run", "sweep", "report", "describe", "list", "diff", "bench")) {
            MlabCliTest.Result r = MlabCliTest.mlab(c, "--help");
            assertEquals(0, r.code(), c + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: mlab " + c), c + ": " + r.out());
            assertEquals("", r.err(), c);
        }
    }

    @Test
    void aSweepWithNothingToSweepIsRefusedBeforeAnyWork(@TempDir Path tmp) {
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", "igr-toy", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("mlab: igr-toy has nothing to sweep (no sweep.grid and one seed): give a grid with --set 'sweep.grid.KEY=[A, B]'"
                + " or seeds with --seeds 0..4, or use mlab run" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(tmp.resolve("igr-toy")));
    }

    @Test
    void moreThreadsThanCoresIsAWarning(@TempDir Path tmp) throws IOException {
        int many = Runtime.getRuntime().availableProcessors() + 1;
        MlabCliTest.Result r = MlabCliTest.mlab("run", tiny(tmp).toString(), "--out", tmp.resolve("o").toString(), "--threads",
                Integer.toString(many), "--set", "train.steps=5", "--seeds", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("mlab: warning: --threads " + many + " uses " + many + " threads on "), r.err());
    }

    @Test
    void anOutputDirectoryInTheWayIsNamedInWords(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        MlabCliTest.Result r = MlabCliTest.mlab("run", tiny(tmp).toString(), "--out", file.toString());
        assertEquals(2, r.code());
        assertEquals("mlab: output directory " + file + " is not writable (" + file + " is a file, not a directory)" + System.lineSeparator(), r.err());
        MlabCliTest.Result below = MlabCliTest.mlab("run", tiny(tmp).toString(), "--out", file.resolve("runs").toString());
        assertEquals(2, below.code());
        assertFalse(below.err().matches("(?s).*(Exception|java\\.).*"), below.err());
    }

    /** A figure that cannot be drawn is one warning; the results and the table are kept. */
    @Test
    void aFigureFailureIsAWarningAndTheResultsStay(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("o");
        assertEquals(0, MlabCliTest.mlab("run", tiny(tmp).toString(), "--out", out.toString(), "--set", "train.steps=5").code());
        Path dir = MlabCliTest.list(out).get(0);
        RunDirectory.deleteTree(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures"), "in the way");
        Files.delete(dir.resolve("table.md"));
        MlabCliTest.Result r = MlabCliTest.mlab("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("mlab: warning: could not draw the figures ("), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("table.md")));
        assertTrue(RunDirectory.isFinished(dir));
    }

    @Test
    void diffListsSpecProvenanceAndMetricDifferences(@TempDir Path tmp) throws IOException {
        Path spec = tiny(tmp);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        assertEquals(0, MlabCliTest.mlab("run", spec.toString(), "--out", a.toString(), "--threads", "1").code());
        assertEquals(0, MlabCliTest.mlab("run", spec.toString(), "--out", b.toString(), "--threads", "2").code());
        assertEquals(0, MlabCliTest.mlab("run", spec.toString(), "--out", c.toString(), "--set", "data.mu=0.3").code());
        Path ra = MlabCliTest.list(a).get(0);
        Path rb = MlabCliTest.list(b).get(0);
        Path rc = MlabCliTest.list(c).get(0);
        MlabCliTest.Result same = MlabCliTest.mlab("diff", ra.toString(), rb.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("spec: no differences"), same.out());
        assertTrue(same.out().contains("final metrics (mean over seeds): no differences"), same.out());
        assertTrue(same.out().lines().anyMatch(l -> l.matches("threads\\s+1\\s+2")), same.out());
        assertFalse(same.out().contains("spec_sha256"), same.out());
        MlabCliTest.Result other = MlabCliTest.mlab("diff", ra.toString(), rc.toString());
        assertTrue(other.out().lines().anyMatch(l -> l.matches("data\\.mu\\s+0\\.2\\s+0\\.3")), other.out());
        assertTrue(other.out().contains("spec_sha256"), other.out());
        assertTrue(other.out().lines().anyMatch(l -> l.matches("gdm\\s+test_acc_small\\s.*")), other.out());
    }

    /** Interrupted (SIGTERM, as Ctrl-C) mid-run: one line says what was kept, and the measured rows are in an incomplete directory. */
    @Test
    void anInterruptedRunKeepsWhatItMeasured(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.momentumlab.cli.Mlab", "run", "momentum-vs-gd-quick", "--set", "train.steps=1000000", "--set", "probe.every=1",
                "--seeds", "0", "--threads", "1", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        try {
            Path journal = null;
            for (int i = 0; i < 1200 && journal == null; i++) {
                Thread.sleep(100);
                if (Files.isDirectory(out)) {
                    try (var s = Files.list(out)) {
                        journal = s.map(d -> d.resolve(RunDirectory.JOURNAL)).filter(j -> {
                            try {
                                return Files.isRegularFile(j) && Files.readAllLines(j).size() >= 3;
                            } catch (IOException e) {
                                return false;
                            }
                        }).findFirst().orElse(null);
                    }
                }
                assertTrue(p.isAlive(), "the run ended by itself");
            }
            assertTrue(journal != null, "no metrics streamed");
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(143, p.exitValue());
        List<Path> dirs = MlabCliTest.list(out);
        assertEquals(1, dirs.size(), dirs.toString());
        Path kept = dirs.get(0);
        assertTrue(kept.getFileName().toString().endsWith(".incomplete"), kept.toString());
        String err = Files.readString(tmp.resolve("stderr"));
        assertTrue(err.contains("mlab: interrupted; what was measured is kept in " + kept), err);
        assertTrue(Files.readAllLines(kept.resolve("metrics.csv")).size() >= 3);
        assertTrue(Files.readString(kept.resolve(RunDirectory.INCOMPLETE)).startsWith("incomplete: interrupted"));
        // report draws it with a warning; a sweep would never count it
        MlabCliTest.Result r = MlabCliTest.mlab("report", kept.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("is incomplete (interrupted)"), r.err());
    }
}
