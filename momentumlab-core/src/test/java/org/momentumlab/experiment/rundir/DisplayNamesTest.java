package org.momentumlab.experiment.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.Header;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.probe.MetricTable;

/** Display names replace label values in reports, and never merge two labels into one. */
class DisplayNamesTest {

    static RunSeries run(String opt) {
        return new RunSeries(RunLabel.of("optimizer", opt), 0, new MetricTable(), null);
    }

    @Test
    void namesAreShownAndMustStayDistinct() {
        var names = SpecTree.parse("labels: {gd: GD, gdm: GD+M}\n", "t").root().path("labels");
        assertEquals(List.of("GD", "GD+M", "sgd"), RunRecord.displayNames(List.of(run("gd"), run("gdm"), run("sgd")), names).stream()
                .map(r -> r.label().get("optimizer")).toList());
        // gd shown as "gdm" would pool GD's runs with GD+M's: refused
        var clash = SpecTree.parse("labels: {gd: gdm}\n", "t").root().path("labels");
        SpecException e = assertThrows(SpecException.class, () -> RunRecord.displayNames(List.of(run("gd"), run("gdm")), clash));
        assertEquals("labels shows both gd and gdm as gdm: give each label its own display name", e.getMessage());
        // the header refuses a name that is another key, two keys with one name, and names that cannot be a label
        assertThrows(IllegalArgumentException.class, () -> new Header("k", "k", "", List.of(0L), Map.of(), Map.of("gd", "gdm", "gdm", "GD+M")));
        assertThrows(IllegalArgumentException.class, () -> new Header("k", "k", "", List.of(0L), Map.of(), Map.of("gd", "X", "gdm", "X")));
        assertThrows(IllegalArgumentException.class, () -> new Header("k", "k", "", List.of(0L), Map.of(), Map.of("gd", "a,b")));
    }
}
