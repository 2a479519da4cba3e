package org.momentumlab.experiment.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.experiment.sweep.LocalExecutor;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.sweep.SweepTaskRunner;
import org.momentumlab.report.RunReport;
import org.momentumlab.report.SweepAggregate;

/**
 * A kind added in one place (its record, its class, its preset, one registration line) binds, runs,
 * writes its run directory, reports and sweeps with the project's machinery unchanged.
 */
class ExampleKindTest {

    @Test
    void aKindAddedInOnePlaceWorksEndToEnd(@TempDir Path tmp) throws Exception {
        assertTrue(ExperimentKinds.presets().contains("quadratic-example"));
        SpecTree tree = SpecTree.preset("quadratic-example");
        SweepPlan plan = SweepPlan.of(tree, List.of(0L, 1L));
        Spec<?> base = ExperimentKinds.bind(plan.base());
        assertEquals("quadratic-example", base.kind().id());
        assertEquals("curvatures[1] = -1.0 is out of range: must be > 0", org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> ExperimentKinds.bind(SpecTree.parse("experiment: quadratic-example\ncurvatures: [1, -1]\n", "s"))).getMessage());

        SweepDirectory sweep = new SweepDirectory(tmp.resolve("quadratic-example"));
        sweep.prepare(tree.toYaml());
        new LocalExecutor(2, 1).execute(plan.tasks(), new SweepTaskRunner(sweep), (t, d, n, s) -> { });
        assertEquals(4, sweep.finishedRuns().size());
        StringWriter out = new StringWriter();
        SweepAggregate.write(sweep, SweepAggregate.Options.DEFAULT, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        List<String> table = Files.readAllLines(sweep.dir().resolve("table.md"));
        assertEquals("Metric: train_loss (mean ± std over seeds)", table.get(0));
        assertEquals("| optimizers.gdm.gamma (gd / gdm) | train_loss |", table.get(2));

        Path run = sweep.finishedRuns().get(0);
        RunRecord record = RunRecord.read(run);
        String text = RunReport.write(record, new PrintWriter(new StringWriter(), true));
        assertTrue(text.startsWith("optimizer  seeds  final loss"), text);
        assertTrue(Files.size(run.resolve("figures/train_loss.png")) > 1000);
        var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.get("over_seeds").get("gdm").get("train_loss").get("mean").asDouble() >= 0);
    }
}
