package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Best over two fields at once: the best (lr, wd) pair per label, both named. */
    @Test
    void bestOverTwoAxes() {
        List<SweepReport.Row> rows = new ArrayList<>();
        double[][] acc = {{0.70, 0.74}, {0.72, 0.71}}; // [lr][wd] for gd
        String[] lr = {"0.1", "0.3"};
        String[] wd = {"0", "0.0005"};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("lr", lr[i]);
                f.put("wd", wd[j]);
                rows.add(new SweepReport.Row(f, "gd", 0, Map.of("test_acc", acc[i][j])));
            }
        }
        SweepReport.Best best = SweepReport.best(SweepReport.aggregate(rows), List.of("lr", "wd"), "test_acc", true);
        assertArrayEquals(new String[] {"label", "lr", "wd", "test_acc", "of"}, best.table().get(0));
        assertArrayEquals(new String[] {"gd", "0.1", "0.0005", "0.74", "4 values"}, best.table().get(1));
        assertEquals(Map.of(), best.groups().get(0).fields());
    }

    /** A grid point whose name would pass the file-name limit is cut and keeps a hash of its whole id: distinct points, distinct names. */
    @Test
    void longPointNamesStayUnderTheFileNameLimit() {
        String field = "optimizers.some_long_optimizer_name.weight_decay";
        Map<String, com.fasterxml.jackson.databind.JsonNode> a = new LinkedHashMap<>();
        Map<String, com.fasterxml.jackson.databind.JsonNode> b = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            a.put(field + i, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.0005));
            b.put(field + i, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(i == 7 ? 0.001 : 0.0005));
        }
        String na = new SweepPlan.Task(new SweepPlan.Point(a), 12, null).dirName();
        String nb = new SweepPlan.Task(new SweepPlan.Point(b), 12, null).dirName();
        assertTrue(new SweepPlan.Point(a).id().length() > 400);
        assertTrue(na.length() <= 200 + ",seed=12".length() && na.endsWith(",seed=12"), na);
        assertTrue(!na.equals(nb) && na.substring(0, 150).equals(nb.substring(0, 150)), na + " / " + nb);
        // a short point keeps its whole id
        assertEquals("lr=0.1,seed=3", new SweepPlan.Task(new SweepPlan.Point(Map.of("lr", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.1))), 3, null).dirName());
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
        e = assertThrows(SpecException.class, () -> SweepPlan.of(SpecTree.parse(spec.replace("best: lr", "best: [lr, 3]"), "s"), List.of(0L)));
        assertEquals("sweep.best must name a grid axis or a list of them (e.g. best: lr, or best: [lr, wd]), got [\"lr\",3]", e.getMessage());
        assertEquals("lr,optimizers.gd.momentum", SweepPlan.of(SpecTree.parse(spec.replace("best: lr", "best: [lr, optimizers.gd.momentum]"), "s"),
                List.of(0L)).best());
    }
}
