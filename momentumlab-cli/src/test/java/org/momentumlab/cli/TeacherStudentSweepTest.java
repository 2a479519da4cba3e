package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.sweep.SweepPlan;

class TeacherStudentSweepTest {
    static final String TINY = """
            experiment: teacher-student
            name: ts-tiny
            seeds: 0..1
            data: {d: 12, n_train: 80, n_test: 200}
            teacher: {arch: linear}
            student: {arch: 1-mlp, width: 16}
            train: {epochs: 60}
            probe: {every_epochs: 20}
            optimizers:
              gd: {type: gd, lr: 1.0}
              gdm: {type: gd_momentum, lr: 1.0, gamma: 0.9}
            sweep:
              grid:
                teacher.arch: [linear, 1-mlp]
                student:
                  - {student.arch: 1-mlp, optimizers.gd.lr: 1.0, optimizers.gdm.lr: 1.0}
                  - {student.arch: 1-cnn, student.kernel: 3, optimizers.gd.lr: 0.5, optimizers.gdm.lr: 0.5}
            """;

    @Test
    void presetsDecodeAndTheResolvedSpecRoundTrips() {
        for (String p : List.of("teacher-student", "teacher-student-sgd")) {
            SweepPlan plan = SweepPlan.of(SpecTree.preset(p), List.of(0L, 1L, 2L));
            assertEquals(20, plan.points().size());
            assertEquals(List.of("teacher.arch", "student.arch"), plan.keys());
            for (SweepPlan.Task t : plan.tasks()) {
                Spec<?> s = ExperimentKinds.bind(t.spec());
                assertEquals(s, ExperimentKinds.bind(new SpecTree(s.resolved())));
            }
        }
        assertEquals("student.kernel = 40 is out of range: must be <= d = 30", MlabCliTest.mlab("describe", "teacher-student",
                "--set", "student.arch=1-cnn", "--set", "student.kernel=40").err().trim().substring("mlab: ".length()));
    }

    @Test
    void table1LayoutOnATinySweep(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("ts.yaml");
        Files.writeString(spec, TINY);
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", spec.toString(), "--out", tmp.toString(), "--parallel", "2");
        assertEquals(0, r.code(), r.err());
        Path dir = tmp.resolve("ts-tiny");
        List<String> md = Files.readAllLines(dir.resolve("table.md"));
        assertEquals("| student.arch \\ teacher.arch (gd / gdm) | linear | 1-mlp |", md.get(2));
        assertTrue(md.get(4).startsWith("| 1-mlp | "), md.get(4));
        assertTrue(md.get(5).startsWith("| 1-cnn | "), md.get(5));
        assertTrue(md.get(4).matches("\\| 1-mlp( \\| [0-9.]+ ± [0-9.]+ / [0-9.]+ ± [0-9.]+){2} \\|"), md.get(4));
        // each run of a seed trains GD and GD+M from the same initialization: equal metrics at step 0
        Path run = dir.resolve("runs").resolve("teacher.arch=linear,student.arch=1-cnn,student.kernel=3,optimizers.gd.lr=0.5,optimizers.gdm.lr=0.5,seed=1");
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        String gd0 = lines.stream().filter(l -> l.startsWith("gd-seed1,gd,1,0,")).findFirst().orElseThrow();
        String gdm0 = lines.stream().filter(l -> l.startsWith("gdm-seed1,gdm,1,0,")).findFirst().orElseThrow();
        assertEquals(gd0.substring("gd-seed1,gd,".length()), gdm0.substring("gdm-seed1,gdm,".length()));
        var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        for (var x : summary.get("runs")) {
            String reason = x.get("stop_reason").asText();
            assertTrue(reason.equals("condition") || reason.equals("max_steps"), reason);
            if (reason.equals("condition")) {
                assertEquals(1.0, x.get("final").get("train_acc").asDouble(), 0);
            }
        }
        assertTrue(Files.size(dir.resolve("figures/table.png")) > 1000);
        assertTrue(Files.readString(spec).length() > 0);
    }
}
