package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlab reproduce on Ghosh et al.'s claims (three deterministic presets, seconds) and its checks. */
class ReproduceTest {

    @Test
    void reproduceRunsThePresetsWritesOneTableAndResumes(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("rq");
        MlabCliTest.Result r = MlabCliTest.mlab("reproduce", "--quick", "--paper", "ghosh", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        // Ghosh et al.'s CPU presets run; their image presets are listed, not run (full scale or GPU)
        assertTrue(r.out().contains("3 preset(s) with claims to run (6 claims)"), r.out());
        assertTrue(r.out().contains("[1/3] igr-toy (run) ... done"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("verdicts.csv"));
        assertEquals("preset,claim,verdict,source,measured,criterion,published,directory", csv.get(0));
        for (String claim : List.of("igr-toy\",\"flatter-minimum", "igr-toy\",\"minimum-reached", "flow-order\",\"first-order",
                "flow-order\",\"second-order", "sgdm-flow\",\"variance-reduction", "sgdm-flow\",\"modified-flow")) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"" + claim + "\",\"holds\"")), claim + " in " + csv);
        }
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"fashion-ghosh\",\"accuracy-rises-with-beta\",\"not run\"")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"cifar-ghosh\",\"variation-falls-with-beta\",\"not run\",") && l.contains("--gpu")), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.contains("Jelassi")), "--paper keeps Ghosh et al.'s claims only");
        assertTrue(Files.readString(out.resolve("verdicts.md")).contains("| Ghosh et al. (ICLR 2023), toy problem | igr-toy | flatter-minimum |"));
        assertTrue(Files.size(out.resolve("report.html")) > 100_000);
        // the run directory holds its verdicts in summary.json, and its table.md lists them
        Path igr;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            igr = s.filter(d -> d.getFileName().toString().startsWith("igr-toy-")).findFirst().orElseThrow();
        }
        JsonNode claims = new ObjectMapper().readTree(igr.resolve("summary.json").toFile()).path("claims");
        assertEquals(2, claims.size());
        assertEquals("flatter-minimum", claims.get(0).path("name").asText());
        assertEquals("holds", claims.get(0).path("verdict").asText());
        assertTrue(claims.get(0).path("measured").asText().startsWith("w_norm2 (mean): GD 3.79, HB β=0.5 3.583, HB β=0.8 3.012, HB β=0.9 2.119"),
                claims.get(0).path("measured").asText());
        assertTrue(Files.readString(igr.resolve("table.md")).contains("## Claims"));
        // a later run directory of another version of the preset (its spec.yaml differs) is not taken for it
        Path later = out.resolve("runs").resolve("igr-toy-29991231-235959");
        Files.createDirectories(later);
        for (String f : List.of("metrics.csv", "summary.json", "layout.json", "provenance.json")) {
            Files.copy(igr.resolve(f), later.resolve(f));
        }
        Files.writeString(later.resolve("spec.yaml"), Files.readString(igr.resolve("spec.yaml")).replace("y\": 0.6", "y\": 0.7"));
        var entry = new ReproduceCommand().entries().stream().filter(e -> e.preset().equals("igr-toy")).findFirst().orElseThrow();
        assertEquals(igr, ReproduceCommand.finished(out.resolve("runs"), entry));
        Files.copy(igr.resolve("spec.yaml"), later.resolve("spec.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(later, ReproduceCommand.finished(out.resolve("runs"), entry));
        org.momentumlab.experiment.rundir.RunDirectory.deleteTree(later);

        // again: nothing runs twice, the same verdicts; --expect of the first table passes
        Path first = tmp.resolve("first.csv");
        Files.copy(out.resolve("verdicts.csv"), first);
        MlabCliTest.Result again = MlabCliTest.mlab("reproduce", "--quick", "--paper", "Ghosh", "--out", out.toString(), "--expect", first.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("[1/3] igr-toy (run) ... finished before"), again.out());
        assertTrue(again.out().contains("the 6 claim(s) that held in " + first + " and ran here hold"), again.out());
        assertEquals(Files.readString(first), Files.readString(out.resolve("verdicts.csv")));

        // a claim that held and holds no more fails the command (exit 1), naming it
        Path held = tmp.resolve("held.csv");
        Files.writeString(held, "preset,claim,verdict\n\"saddle-escape-matched\",\"faster-beyond-step\",\"holds\"\n");
        MlabCliTest.Result lost = MlabCliTest.mlab("reproduce", "--quick", "--paper", "Wang", "--out", tmp.resolve("wang").toString(), "--expect", held.toString());
        assertEquals(1, lost.code(), lost.out());
        assertTrue(lost.err().startsWith("mlab: a claim stopped holding: saddle-escape-matched/faster-beyond-step: held in " + held + ", now fails"),
                lost.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        MlabCliTest.Result paper = MlabCliTest.mlab("reproduce", "--paper", "Nobody", "--out", tmp.resolve("a").toString());
        assertEquals(2, paper.code());
        assertEquals("mlab: --paper Nobody: no claim's source names it (the sources name Jelassi, Ghosh, Sato, Wang)\n", paper.err());
        assertFalse(Files.exists(tmp.resolve("a")), "nothing is written for a refused command");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "name,verdict\n");
        MlabCliTest.Result expect = MlabCliTest.mlab("reproduce", "--expect", bad.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(2, expect.code());
        assertEquals("mlab: --expect " + bad + " is not a verdicts.csv of mlab reproduce (its first line must be preset,claim,verdict,...)\n", expect.err());
        MlabCliTest.Result set = MlabCliTest.mlab("reproduce", "--set", "nokey", "--out", tmp.resolve("d").toString());
        assertEquals(2, set.code());
        assertEquals("mlab: --set nokey must be KEY=VALUE, e.g. --set data.dir=/data/cifar\n", set.err());
        assertFalse(Files.exists(tmp.resolve("d")));
        MlabCliTest.Result noKey = MlabCliTest.mlab("reproduce", "--paper", "Ghosh", "--set", "data.nokey=3", "--out", tmp.resolve("e").toString());
        assertEquals(2, noKey.code());
        assertEquals("mlab: --set data.nokey=3: no preset to reproduce has data.nokey\n", noKey.err());
        MlabCliTest.Result missing = MlabCliTest.mlab("reproduce", "--expect", tmp.resolve("none.csv").toString(), "--out", tmp.resolve("c").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("mlab: --expect " + tmp.resolve("none.csv") + ": cannot read it"), missing.err());
    }
}
