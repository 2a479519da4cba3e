package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.SweepPlan;

/** The best value of a grid axis per label (Jelassi & Li's best learning rate per algorithm), and the spec's sweep.best. */
class SweepBestTest {

    /** Test accuracy per (arch, lr, optimizer, seed): gd is best at lr 0.3 on r18 and 0.1 on vgg; gdm at 0.1 on both. */
    static List<SweepReport.Group> groups() {
        List<SweepReport.Row> rows = new ArrayList<>();
        Object[][] data = {
            {"r18", "0.1", "gd", 0.70, 0.72}, {"r18", "0.1", "gdm", 0.80, 0.82},
            {"r18", "0.3", "gd", 0.75, 0.75}, {"r18", "0.3", "gdm", Double.NaN, Double.NaN}, // gdm diverged at 0.3
            {"vgg", "0.1", "gd", 0.60, 0.62}, {"vgg", "0.1", "gdm", 0.70, 0.70},
            {"vgg", "0.3", "gd", 0.55, 0.57}, {"vgg", "0.3", "gdm", 0.69, 0.69}};
        for (Object[] d : data) {
            for (int s = 0; s < 2; s++) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("model.arch", (String) d[0]);
                f.put("optimizers.gd.lr", (String) d[1]);
                rows.add(new SweepReport.Row(f, (String) d[2], s, Map.of("test_acc", (Double) d[3 + s])));
            }
        }
        return SweepReport.aggregate(rows);
    }

    @Test
    void keepsTheBestMeanPerLabelAndSaysWhich() {
        SweepReport.Best best = SweepReport.best(groups(), "optimizers.gd.lr", "test_acc", true);
        assertEquals(4, best.groups().size());
        List<String[]> pivot = SweepReport.pivot(best.groups(), "model.arch", null, "test_acc", true);
        assertEquals("75.00 ± 0.00 / 81.00 ± 1.41", pivot.get(1)[1]); // r18: gd at 0.3, gdm at 0.1 (0.3 diverged: never picked)
        assertEquals("61.00 ± 1.41 / 70.00 ± 0.00", pivot.get(2)[1]); // vgg: both at 0.1
        assertArrayEquals(new String[] {"model.arch", "label", "optimizers.gd.lr", "test_acc", "of"}, best.table().get(0));
        assertArrayEquals(new String[] {"r18", "gd", "0.3", "0.75", "2 values"}, best.table().get(1));
        assertArrayEquals(new String[] {"r18", "gdm", "0.1", "0.81", "2 values"}, best.table().get(2));
        assertArrayEquals(new String[] {"vgg", "gd", "0.1", "0.61", "2 values"}, best.table().get(3));
        // lowest: the worst accuracy instead
        SweepReport.Best worst = SweepReport.best(groups(), "optimizers.gd.lr", "test_acc", false);
        assertArrayEquals(new String[] {"vgg", "gd", "0.3", "0.56", "2 values"}, worst.table().get(3));
    }

    @Test
    void sweepBestMustNameAGridAxis() {
        String spec = """
                experiment: igr-toy
                sweep:
                  best: lr
                  grid:
                    lr:
                      - {optimizers.gd.lr: 0.1, optimizers.hb.lr: 0.1}
                      - {optimizers.gd.lr: 0.2, optimizers.hb.lr: 0.2}
                    optimizers.gd.momentum: [0.0, 0.9]
                """;
        SweepPlan plan = SweepPlan.of(SpecTree.parse(spec, "s"), List.of(0L));
        assertEquals("lr", plan.best());
        assertEquals("optimizers.gd.lr", plan.reportKey("lr", "--best"));
        assertEquals("optimizers.gd.lr", plan.reportKey("optimizers.hb.lr", "--best")); // any field of the axis
        SpecException e = assertThrows(SpecException.class, () -> SweepPlan.of(SpecTree.parse(spec.replace("best: lr", "best: eta"), "s"), List.of(0L)));
        assertEquals("sweep.best: eta is not a grid axis of this sweep (axes: lr, optimizers.gd.momentum)", e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepPlan.of(SpecTree.parse(spec.replace("best: lr", "best: [lr]"), "s"), List.of(0L)));
        assertEquals("sweep.best must name a grid axis (e.g. best: lr), got [\"lr\"]", e.getMessage());
    }
}
