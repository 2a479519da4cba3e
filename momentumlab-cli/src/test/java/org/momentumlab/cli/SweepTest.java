package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.rundir.RunDirectory;

class SweepTest {
    static final String SWEEP = MlabCliTest.TINY.replace("name: tiny", "name: tiny-sweep") + """
            sweep:
              grid:
                optimizers.gdm.gamma: [0.5, 0.9]
                data.mu: [0.1, 0.3, 0.5]
            """;

    @Test
    void expansionIsTheGridTimesSeedsWithDeterministicIds() {
        SweepPlan plan = SweepPlan.of(SpecTree.parse(SWEEP, "s"), List.of(0L, 1L));
        List<SweepPlan.Task> tasks = plan.tasks();
        assertEquals(6, plan.points().size());
        assertEquals(12, tasks.size());
        assertEquals("optimizers.gdm.gamma=0.5,data.mu=0.1,seed=0", tasks.get(0).id());
        assertEquals("optimizers.gdm.gamma=0.5,data.mu=0.1,seed=1", tasks.get(1).id());
        assertEquals("optimizers.gdm.gamma=0.5,data.mu=0.3,seed=0", tasks.get(2).id());
        assertEquals("optimizers.gdm.gamma=0.9,data.mu=0.5,seed=1", tasks.get(11).id());
        assertEquals(0.9, tasks.get(11).spec().root().get("optimizers").get("gdm").get("gamma").doubleValue());
        assertEquals("[1]", tasks.get(11).spec().root().get("seeds").toString());
        assertFalse(tasks.get(0).spec().root().has("sweep"));
        List<String> again = SweepPlan.of(SpecTree.parse(SWEEP, "s"), List.of(0L, 1L)).tasks().stream().map(SweepPlan.Task::id).toList();
        assertEquals(tasks.stream().map(SweepPlan.Task::id).toList(), again);
    }

    @Test
    void resumeRecomputesOnlyUnfinishedRunsAndAggregatesBySeed(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("sweep.yaml");
        Files.writeString(spec, SWEEP);
        Path out = tmp.resolve("out");
        MlabCliTest.Result first = MlabCliTest.mlab("sweep", spec.toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(0, first.code(), first.err());
        Path runs = out.resolve("tiny-sweep/runs");
        List<Path> dirs;
        try (var s = Files.list(runs)) {
            dirs = s.sorted().toList();
        }
        assertEquals(12, dirs.size());
        // simulate an interruption: one run lost, one left half-written in its staging directory
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (Path d : dirs) {
            Files.setLastModifiedTime(d.resolve("summary.json"), old);
        }
        Path lost = dirs.get(3);
        RunDirectory.deleteTree(lost);
        Path partial = RunDirectory.staging(dirs.get(5));
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("metrics.csv"), "run,optimizer,seed,step\n");
        MlabCliTest.Result second = MlabCliTest.mlab("sweep", spec.toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("11 already finished, running 1"), second.out());
        assertFalse(Files.exists(partial));
        for (Path d : dirs) {
            FileTime t = Files.getLastModifiedTime(d.resolve("summary.json"));
            assertEquals(d.equals(lost), !t.equals(old), d.toString());
        }

        // aggregate.csv against hand-computed mean and std over the two seeds
        ObjectMapper json = new ObjectMapper();
        Map<String, Double> bySeed = new HashMap<>();
        for (Path d : dirs) {
            if (d.getFileName().toString().startsWith("optimizers.gdm.gamma=0.9,data.mu=0.3,seed=")) {
                for (var r : json.readTree(d.resolve("summary.json").toFile()).get("runs")) {
                    if (r.get("optimizer").asText().equals("gdm")) {
                        bySeed.put(d.getFileName().toString(), r.get("final").get("test_acc").asDouble());
                    }
                }
            }
        }
        assertEquals(2, bySeed.size());
        double a = bySeed.values().stream().toList().get(0);
        double b = bySeed.values().stream().toList().get(1);
        List<String> lines = Files.readAllLines(out.resolve("tiny-sweep/aggregate.csv"));
        assertEquals("optimizers.gdm.gamma,data.mu,optimizer,metric,mean,std,min,max,count,median", lines.get(0));
        String[] cells = lines.stream().filter(l -> l.startsWith("0.9,0.3,gdm,test_acc,")).findFirst().orElseThrow().split(",");
        assertEquals((a + b) / 2, Double.parseDouble(cells[4]), 1e-15);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(cells[5]), 1e-15);
        assertEquals(Math.min(a, b), Double.parseDouble(cells[6]), 0);
        assertEquals(Math.max(a, b), Double.parseDouble(cells[7]), 0);
        assertEquals("2", cells[8]);

        // the pivot table: rows data.mu, columns gamma, cells "gd / gdm"
        List<String> md = Files.readAllLines(out.resolve("tiny-sweep/table.md"));
        assertEquals("| data.mu \\ optimizers.gdm.gamma (gd / gdm) | 0.5 | 0.9 |", md.get(2));
        assertEquals("", md.get(7)); // then the kind's other table columns, the same groups
        assertTrue(md.get(8).startsWith("Metric: ") && md.get(10).equals(md.get(2)), md.toString());
        assertTrue(md.get(6).startsWith("| 0.5 | "), md.get(6));
        assertTrue(md.get(5).matches("\\| 0\\.3 \\| [0-9.]+ ± [0-9.]+ / [0-9.]+ ± [0-9.]+ \\| [0-9.]+ ± [0-9.]+ / [0-9.]+ ± [0-9.]+ \\|"), md.get(5));
        assertTrue(Files.size(out.resolve("tiny-sweep/figures/table.png")) > 1000);

        // another grouping goes beside the default aggregate, never over it, and says that runs were pooled
        Path sweepDir = out.resolve("tiny-sweep");
        byte[] table = Files.readAllBytes(sweepDir.resolve("table.md"));
        byte[] aggregate = Files.readAllBytes(sweepDir.resolve("aggregate.csv"));
        MlabCliTest.Result byMu = MlabCliTest.mlab("report", sweepDir.toString(), "--by", "data.mu", "--metric", "train_acc");
        assertEquals(0, byMu.code(), byMu.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(table, Files.readAllBytes(sweepDir.resolve("table.md")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(aggregate, Files.readAllBytes(sweepDir.resolve("aggregate.csv")));
        Path beside = sweepDir.resolve("reports/by-data.mu-train_acc");
        List<String> pooled = Files.readAllLines(beside.resolve("table.md"));
        assertEquals("Metric: train_acc (mean ± std over the runs of each group, the seeds and the other grid values pooled (n = 4 to 4 runs), %)",
                pooled.get(0));
        assertEquals("| data.mu (gd / gdm) | train_acc |", pooled.get(2));
        assertTrue(Files.readAllLines(beside.resolve("aggregate.csv")).get(0).startsWith("data.mu,optimizer,metric,"));

        // another sweep in the same directory is refused
        MlabCliTest.Result other = MlabCliTest.mlab("sweep", spec.toString(), "--set", "train.steps=31", "--out", out.toString());
        assertEquals(2, other.code());
        assertEquals("mlab: sweep directory " + out.resolve("tiny-sweep") + " holds a different sweep (its sweep.yaml differs); use another --out or remove it"
                + System.lineSeparator(), other.err());
    }

    @Test
    void badGridKeyFailsBeforeAnyRun(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("sweep.yaml");
        Files.writeString(spec, SWEEP.replace("data.mu: [", "data.muu: ["));
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", spec.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code());
        assertEquals("mlab: unknown key 'data.muu' (not a field of data; mlab describe lists every field)" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("tiny-sweep")));
    }

    @Test
    void executorChoicesAreCheckedAndSparkSaysWhereItComesFrom(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("sweep.yaml");
        Files.writeString(spec, SWEEP);
        String out = tmp.resolve("out").toString();
        MlabCliTest.Result bad = MlabCliTest.mlab("sweep", spec.toString(), "--out", out, "--executor", "yarn");
        assertEquals(2, bad.code());
        assertEquals("mlab: --executor yarn is not an executor: give local or spark" + System.lineSeparator(), bad.err());
        MlabCliTest.Result master = MlabCliTest.mlab("sweep", spec.toString(), "--out", out, "--master", "local[2]");
        assertEquals(2, master.code());
        assertEquals("mlab: --master applies to --executor spark" + System.lineSeparator(), master.err());
        // this module's tests run without the Spark module (./mlab adds it): one line says so
        MlabCliTest.Result spark = MlabCliTest.mlab("sweep", spec.toString(), "--out", out, "--executor", "spark");
        assertEquals(2, spark.code());
        assertTrue(spark.err().startsWith("mlab: --executor spark needs MomentumLab's Spark module on the class path"), spark.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("tiny-sweep")), "a refused sweep leaves no directory");
    }
}
