package org.momentumlab.experiment.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.ExperimentListener;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;

/** Run directories: complete atomically with every result, or kept incomplete with what was measured. */
class RunWriterTest {
    static final ResultLayout LAYOUT = new ResultLayout(List.of("optimizer"), List.of(ResultLayout.Column.number("loss", "loss")),
            List.of(ResultLayout.Panel.overSteps("loss", "Loss", "loss", "loss", true)), "curves");

    static Provenance provenance() {
        return Provenance.capture("test", 1, List.of(0L), Instant.parse("2026-01-01T00:00:00Z"), null, "name: t\n");
    }

    static MetricTable rows(int n, double scale) {
        MetricTable t = new MetricTable();
        for (int i = 0; i < n; i++) {
            t.startRow(10L * i);
            t.put("loss", scale / (i + 1));
            if (i % 2 == 0) {
                t.put("sharp", i + 0.5);
            }
        }
        return t;
    }

    @Test
    void completeWritesEveryResultAndRenamesIntoPlace(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run-1");
        RunWriter w = RunWriter.start(dir, "name: t\n", LAYOUT, provenance());
        assertTrue(Files.isDirectory(RunDirectory.staging(dir)));
        assertFalse(Files.exists(dir));
        RunSeries a = new RunSeries(RunLabel.of("optimizer", "gd"), 0, rows(3, 1), new TrainingResult(20, TrainingResult.StopReason.MAX_STEPS, -1, 0.3));
        w.rows(a.label(), 0, a.metrics(), 0, 3);
        w.finished(a);
        assertEquals(dir, w.complete(List.of(a), provenance().ended(Instant.parse("2026-01-01T00:01:00Z"), java.util.Map.of("training", 1.5))));
        assertFalse(Files.exists(RunDirectory.staging(dir)));
        assertTrue(RunDirectory.isFinished(dir));
        assertFalse(Files.exists(dir.resolve(RunDirectory.JOURNAL)));
        assertEquals(MetricsCsv.format(List.of(a), List.of("optimizer")), Files.readString(dir.resolve(RunDirectory.METRICS)));
        assertEquals(LAYOUT, SpecMapper.MAPPER.readValue(dir.resolve(RunDirectory.LAYOUT).toFile(), ResultLayout.class));
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        assertTrue(summary.get("complete").asBoolean());
        // the final value of a metric is its last recorded one (sharp is not recorded in the last row)
        assertEquals(2.5, summary.get("runs").get(0).get("final").get("sharp").asDouble(), 0);
        assertEquals(1.0 / 3, summary.get("runs").get(0).get("final").get("loss").asDouble(), 0);
        RunRecord r = RunRecord.read(dir);
        assertTrue(r.complete());
        assertEquals(1, r.runs().size());
        assertEquals(TrainingResult.StopReason.MAX_STEPS, r.runs().get(0).result().reason());
        assertEquals("2026-01-01T00:01:00Z", r.provenance().end().toString());
        assertEquals(java.util.Map.of("training", 1.5), r.provenance().phases());
    }

    @Test
    void abandonKeepsWhatWasMeasuredMarkedIncomplete(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run-2");
        RunWriter w = RunWriter.start(dir, "name: t\n", LAYOUT, provenance());
        RunSeries a = new RunSeries(RunLabel.of("optimizer", "gd"), 0, rows(3, 1), new TrainingResult(20, TrainingResult.StopReason.MAX_STEPS, -1, 0.3));
        w.rows(a.label(), 0, a.metrics(), 0, 2);
        w.rows(a.label(), 0, a.metrics(), 2, 3);
        w.finished(a);
        MetricTable b = rows(5, 2);
        w.rows(RunLabel.of("optimizer", "gdm"), 0, b, 0, 2);
        // a line cut short by the interruption is skipped
        Files.writeString(RunDirectory.staging(dir).resolve(RunDirectory.JOURNAL), "{\"run\":\"gdm-seed0\",\"lab", java.nio.file.StandardOpenOption.APPEND);
        Path kept = w.abandon("interrupted");
        assertEquals(RunDirectory.incomplete(dir), kept);
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(RunDirectory.staging(dir)));
        assertTrue(RunDirectory.isIncomplete(kept));
        assertFalse(RunDirectory.isFinished(kept));
        assertTrue(Files.readString(kept.resolve(RunDirectory.INCOMPLETE)).startsWith("incomplete: interrupted\n"));
        RunRecord r = RunRecord.read(kept);
        assertFalse(r.complete());
        assertEquals("interrupted", r.incompleteReason());
        assertEquals(2, r.runs().size());
        assertEquals(3, r.runs().get(0).metrics().rows());
        assertEquals(2, r.runs().get(1).metrics().rows());
        assertEquals(a.metrics().column("loss")[2], r.runs().get(0).metrics().column("loss")[2], 0);
        assertEquals(TrainingResult.StopReason.MAX_STEPS, r.runs().get(0).result().reason());
        assertNull(r.runs().get(1).result());
        JsonNode summary = new ObjectMapper().readTree(kept.resolve(RunDirectory.SUMMARY).toFile());
        assertFalse(summary.get("complete").asBoolean());
        assertEquals(1.0, summary.get("runs").get(1).get("final").get("loss").asDouble(), 0);
        assertNull(w.abandon("again"), "a writer is closed once");
    }

    @Test
    void discardLeavesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run-3");
        RunWriter w = RunWriter.start(dir, "name: t\n", LAYOUT, provenance());
        w.discard();
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList());
        }
    }

    /** igr-toy run into a directory: its summary carries the final sharpness of every optimizer. */
    @Test
    void everyMetricOfTheTableIsInTheSummary(@TempDir Path tmp) throws Exception {
        SpecTree t = SpecTree.preset("igr-toy");
        t.override("train.steps=3000");
        Spec<?> spec = ExperimentKinds.bind(t);
        Path dir = RunExecution.execute(spec, tmp.resolve("toy"), 1, "test", ExperimentListener.NONE).dir();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        for (String opt : List.of("gd", "hb_beta05", "hb_beta08", "hb_beta09")) {
            JsonNode o = summary.get("over_seeds").get(opt);
            for (ResultLayout.Column c : spec.layout().columns()) {
                assertTrue(o.get(c.metric()).get("mean").isNumber(), opt + " " + c.metric());
            }
            assertTrue(o.get("sharpness").get("mean").asDouble() > 0, opt);
        }
        for (JsonNode run : summary.get("runs")) {
            assertTrue(run.get("final").get("sharpness").isNumber(), run.toString());
            assertEquals("max_steps", run.get("stop_reason").asText());
        }
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
