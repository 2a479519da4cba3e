package org.momentumlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.momentumlab.experiment.Claim;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.spec.ClaimList;

class ClaimsTest {

    static SweepReport.Row row(String label, long seed, Map<String, String> fields, Object... metricValues) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < metricValues.length; i += 2) {
            f.put((String) metricValues[i], ((Number) metricValues[i + 1]).doubleValue());
        }
        return new SweepReport.Row(fields, label, seed, f);
    }

    static Claim claim(String checkYaml) {
        SpecTree t = SpecTree.parse("claims:\n  - {name: c, source: s, statement: t, check: " + checkYaml + "}\n", "test");
        return ClaimList.read(t.root().get("claims"), "claims").get(0);
    }

    static Claims.Verdict eval(String check, List<SweepReport.Row> rows, boolean exact) {
        return Claims.evaluate(List.of(claim(check)), rows, Map.of("gd", "GD", "gdm", "GD+M"), exact).get(0);
    }

    static List<SweepReport.Row> paired() {
        double[] a = {0.9, 0.8, 1.0};
        double[] b = {0.5, 0.6, 0.55};
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("GD+M", s, Map.of(), "acc", a[s]));
            rows.add(row("GD", s, Map.of(), "acc", b[s]));
        }
        return rows;
    }

    @Test
    void aPairedDifferenceUsesStudentsTOverTheSeeds() {
        // reference (scipy): mean of a − b = 0.35, 95 % t interval (2 df) [0.0213795, 0.6786205]
        Claims.Interval i = Claims.difference(paired().stream().filter(r -> r.label().equals("GD+M")).toList(),
                paired().stream().filter(r -> r.label().equals("GD")).toList(), "acc", List.of(), false, false);
        assertEquals(0.35, i.estimate(), 1e-12);
        assertEquals(0.021379469613578728, i.low(), 1e-9);
        assertEquals(0.6786205303864213, i.high(), 1e-9);
        assertEquals(4.302652729749462, Claims.tQuantile(2), 1e-9);
        // keys and display names both name a label
        assertEquals(Claims.Status.HOLDS, eval("{type: difference, metric: acc, a: gdm, b: GD, at_least: 0}", paired(), false).status());
        Claims.Verdict v = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.1}", paired(), false);
        assertEquals(Claims.Status.FAILS, v.status()); // the estimate clears 0.1, its interval does not
        assertTrue(v.measured().contains("inconclusive"), v.measured());
        assertEquals(Claims.Status.FAILS, eval("{type: difference, metric: acc, a: gdm, b: gd, at_most: 0.3}", paired(), false).status());
    }

    @Test
    void unpairedRunsUseWelchsInterval() {
        List<SweepReport.Row> rows = new ArrayList<>();
        double[] x = {1, 2, 3};
        double[] y = {0, 0.5, 1, 1.5};
        for (int s = 0; s < x.length; s++) {
            rows.add(row("a", s, Map.of(), "m", x[s]));
        }
        for (int s = 0; s < y.length; s++) {
            rows.add(row("b", 10 + s, Map.of(), "m", y[s]));
        }
        // reference (scipy): Welch df 3.2347188, interval [-0.77116398, 3.27116398]
        Claims.Interval i = Claims.difference(rows.subList(0, 3), rows.subList(3, 7), "m", List.of(), false, false);
        assertEquals(1.25, i.estimate(), 1e-12);
        assertEquals(-0.7711639774615122, i.low(), 1e-9);
        assertEquals(3.271163977461512, i.high(), 1e-9);
    }

    @Test
    void oneSeedIsAnExactValueOnlyForADeterministicKind() {
        List<SweepReport.Row> rows = List.of(row("gd", 0, Map.of(), "slope", 1.98), row("gdm", 0, Map.of(), "slope", 2.03));
        Claims.Verdict stochastic = eval("{type: value, metric: slope, at_least: 1.9, at_most: 2.1}", rows, false);
        assertEquals(Claims.Status.NOT_MEASURABLE, stochastic.status());
        assertTrue(stochastic.measured().contains("from one seed"), stochastic.measured());
        assertEquals(Claims.Status.HOLDS, eval("{type: value, metric: slope, at_least: 1.9, at_most: 2.1}", rows, true).status());
        assertEquals(Claims.Status.FAILS, eval("{type: value, metric: slope, at_least: 2.0, at_most: 2.1}", rows, true).status());
        // a glob picks the labels checked
        assertEquals(Claims.Status.HOLDS, eval("{type: value, metric: slope, labels: ['gdm*'], at_least: 2.0}", rows, true).status());
    }

    @Test
    void insideChecksEveryRunAgainstItsOwnInterval() {
        List<SweepReport.Row> rows = List.of(row("variance/0.5/-", 0, Map.of(), "claimed", 0.3333, "lo", 0.332, "hi", 0.3364),
                row("variance/0.9/-", 0, Map.of(), "claimed", 0.0526, "lo", 0.0517, "hi", 0.0529), row("order/0/x", 0, Map.of(), "claimed", 5));
        assertEquals(Claims.Status.HOLDS, eval("{type: inside, metric: claimed, low: lo, high: hi, labels: ['variance/*/*']}", rows, true).status());
        List<SweepReport.Row> out = List.of(rows.get(0), row("variance/0.9/-", 0, Map.of(), "claimed", 0.06, "lo", 0.0517, "hi", 0.0529));
        Claims.Verdict v = eval("{type: inside, metric: claimed, low: lo, high: hi}", out, true);
        assertEquals(Claims.Status.FAILS, v.status());
        assertTrue(v.measured().contains("0.06 outside [0.0517, 0.0529]"), v.measured());
    }

    @Test
    void aTrendMustMoveAtEveryStepAndItsEndsDiffer() {
        List<SweepReport.Row> rows = new ArrayList<>();
        double[][] v = {{3.0, 3.1, 2.9}, {2.5, 2.6, 2.4}, {1.0, 1.2, 1.1}};
        String[] labels = {"b0", "b5", "b9"};
        for (int g = 0; g < 3; g++) {
            for (int s = 0; s < 3; s++) {
                rows.add(row(labels[g], s, Map.of(), "w", v[g][s]));
            }
        }
        assertEquals(Claims.Status.HOLDS, eval("{type: trend, metric: w, labels: [b0, b5, b9], direction: decreasing}", rows, false).status());
        assertEquals(Claims.Status.FAILS, eval("{type: trend, metric: w, labels: [b0, b5, b9], direction: increasing}", rows, false).status());
        assertEquals(Claims.Status.FAILS, eval("{type: trend, metric: w, labels: [b5, b0, b9], direction: decreasing}", rows, false).status());
    }

    @Test
    void aMedianTrendCountsRunsWithoutTheEventAsLatest() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            rows.add(row("b0", s, Map.of(), "escape", s < 8 ? Double.NaN : 1000 + 10 * s)); // 8 of 20 never escaped
            rows.add(row("b9", s, Map.of(), "escape", 100 + s));
        }
        Claims.Verdict v = eval("{type: trend, metric: escape, stat: median, labels: [b0, b9], direction: decreasing}", rows, false);
        assertEquals(Claims.Status.HOLDS, v.status(), v.measured());
        assertTrue(v.measured().contains("last/first median"), v.measured());
    }

    @Test
    void aCorrelationHoldsWhenItsIntervalExcludesZeroOnTheClaimedSide() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(row(i % 2 == 0 ? "shb" : "nshb", i, Map.of(), "noise", i, "acc", 1 - 0.05 * i));
        }
        Claims.Verdict neg = eval("{type: correlation, x: noise, y: acc, sign: negative}", rows, false);
        assertEquals(Claims.Status.HOLDS, neg.status());
        assertTrue(neg.measured().startsWith("Spearman ρ = -1 [-1, -1] over 12 runs"), neg.measured());
        assertEquals(Claims.Status.FAILS, eval("{type: correlation, x: noise, y: acc, sign: positive}", rows, false).status());
        assertEquals(Claims.Status.NOT_MEASURABLE, eval("{type: correlation, x: noise, y: acc, sign: negative}", rows.subList(0, 3), false).status());
    }

    @Test
    void bestComparesEachLabelAtItsOwnBestGridValue() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("gd", s, Map.of("lr", "0.1"), "acc", 0.70 + 0.01 * s));
            rows.add(row("gd", s, Map.of("lr", "1"), "acc", 0.60));
            rows.add(row("gdm", s, Map.of("lr", "0.1"), "acc", 0.65));
            rows.add(row("gdm", s, Map.of("lr", "1"), "acc", 0.80 + 0.01 * s));
        }
        Claims.Verdict v = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.09, best: [lr]}", rows, false);
        assertEquals(Claims.Status.HOLDS, v.status(), v.measured()); // 0.80.. − 0.70.. = 0.1 exactly per seed
        assertTrue(v.measured().contains("gdm 1") && v.measured().contains("gd 0.1"), v.measured());
        // pooled over lr without best, GD+M's gain is 0.075 and varies: it fails the same bound
        assertEquals(Claims.Status.FAILS, eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.09}", rows, false).status());
    }

    @Test
    void againstMakesADifferenceOfGainsAndWhereSelectsRuns() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("gd", s, Map.of("bn", "false"), "acc", 0.5 + 0.02 * s));
            rows.add(row("gdm", s, Map.of("bn", "false"), "acc", 0.8 + 0.02 * s)); // gain 0.3
            rows.add(row("gd", s, Map.of("bn", "true"), "acc", 0.7 - 0.01 * s));
            rows.add(row("gdm", s, Map.of("bn", "true"), "acc", 0.8 - 0.01 * s)); // gain 0.1
        }
        Claims.Verdict v = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.15, where: {bn: 'false'}, against: {bn: 'true'}}", rows, false);
        assertEquals(Claims.Status.HOLDS, v.status(), v.measured());
        assertTrue(v.measured().contains("= 0.2 (3 seeds)"), v.measured());
        assertEquals(Claims.Status.HOLDS, eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.29, where: {bn: 'false'}}", rows, false).status());
        Claims.Verdict none = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0, where: {bn: 'maybe'}}", rows, false);
        assertEquals(Claims.Status.NOT_MEASURABLE, none.status());
        Claims.Verdict metric = eval("{type: difference, metric: loss, a: gdm, b: gd, at_least: 0}", rows, false);
        assertEquals("no metric loss in the runs", metric.measured());
        Claims.Verdict label = eval("{type: difference, metric: acc, a: sgdm, b: gd, at_least: 0}", rows, false);
        assertEquals("no runs of label sgdm", label.measured());
    }

    @Test
    void aSpecsClaimsAreCheckedWithOneLineNamingTheKey() {
        String base = "claims:\n  - {name: c, source: s, statement: t, check: ";
        assertEquals("unknown key 'claims[0].check.metrc' (not a field of claims[0].check; it has: type, metric, a, b, labels, axis, at_least,"
                + " at_most, low, high, direction, stat, x, y, sign, where, best, best_by, against, each)",
                error(base + "{type: value, metrc: x, at_least: 1}}"));
        assertEquals("claims[0].check.type = 'bigger' is not a check: give difference, value, inside, trend or correlation",
                error(base + "{type: bigger, metric: x}}"));
        assertEquals("claims[0].check: direction = null: give increasing or decreasing", error(base + "{type: trend, metric: x, labels: [a, b]}}"));
        assertEquals("claims[0].check: at_least and at_most are both missing: give the bound(s) the interval must clear",
                error(base + "{type: difference, metric: x, a: p, b: q}}"));
        assertEquals("claims[0].check.at_least must be a number, got 'high'", error(base + "{type: value, metric: x, at_least: high}}"));
        assertEquals("claims[1].name = 'c' names another claim too: give each claim its own name",
                error(base + "{type: value, metric: x, at_least: 1}}\n  - {name: c, source: s, statement: t, check: {type: value, metric: x, at_least: 1}}"));
        assertEquals("claims[0].check is missing: the check that decides whether the claim holds", error("claims:\n  - {name: c, source: s, statement: t}"));
        assertEquals("claims[0].statement is missing", error("claims:\n  - {name: c, source: s, check: {type: value, metric: x, at_least: 1}}"));
        assertEquals("claims[0].check: against.bn = true: where must give bn the other value of the comparison (e.g. where: {bn: ...})",
                error(base + "{type: difference, metric: x, a: p, b: q, at_least: 0, against: {bn: 'true'}}}"));
        assertEquals("claims[0].check: against.bn = true: where must give bn the other value of the comparison (e.g. where: {bn: ...})",
                error(base + "{type: difference, metric: x, a: p, b: q, at_least: 0, where: {bn: 'true'}, against: {bn: 'true'}}}"));
        assertEquals("claims[0].check: stat = median: a value check takes mean or every", error(base + "{type: value, metric: x, stat: median, at_least: 1}}"));
    }

    @Test
    void nothingIsLeftOutSilently() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            rows.add(row("gd", s, Map.of(), "acc", 0.5));
            rows.add(row("gdm", s, Map.of(), "acc", s < 2 ? Double.NaN : 0.9)); // diverged on two seeds
            rows.add(row("sgd", s, Map.of(), "acc", 0.6));
        }
        Claims.Verdict nan = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.1}", rows, false);
        assertEquals(Claims.Status.NOT_MEASURABLE, nan.status());
        assertEquals("2 of 4 runs have no finite the difference of acc (diverged, or never recorded)", nan.measured());
        Claims.Verdict glob = eval("{type: difference, metric: acc, a: 'g*', b: sgd, at_least: 0}", rows, false);
        assertEquals("g* names 2 labels (gd, gdm): a difference compares two labels", glob.measured());
        assertEquals(Claims.Status.NOT_MEASURABLE, eval("{type: value, metric: acc, labels: [gdm], at_least: 0}", rows, false).status());
        Claims.Verdict every = eval("{type: value, metric: acc, stat: every, labels: [gd, sgd], at_least: 0.55}", rows, false);
        assertEquals(Claims.Status.FAILS, every.status());
        assertEquals("acc gd: 0.5 over 4 runs; sgd: 0.6 over 4 runs", every.measured());
    }

    @Test
    void bestByMustExistAndALossIsMinimised() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("gd", s, Map.of("lr", "0.1"), "acc", 0.70 + 0.01 * s, "train_loss", 0.2));
            rows.add(row("gd", s, Map.of("lr", "1"), "acc", 0.60 + 0.01 * s, "train_loss", 0.1));
            rows.add(row("gdm", s, Map.of("lr", "0.1"), "acc", 0.75 + 0.01 * s, "train_loss", 0.1));
            rows.add(row("gdm", s, Map.of("lr", "1"), "acc", 0.50 + 0.01 * s, "train_loss", 0.3));
        }
        assertEquals("no metric test_acc (best_by) in the runs",
                eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0, best: [lr], best_by: test_acc}", rows, false).measured());
        // by the lowest training loss: gd at lr 1 (0.6..), gdm at lr 0.1 (0.75..): gain 0.15 on every seed
        Claims.Verdict v = eval("{type: difference, metric: acc, a: gdm, b: gd, at_least: 0.14, best: [lr], best_by: train_loss}", rows, false);
        assertEquals(Claims.Status.HOLDS, v.status(), v.measured());
        assertTrue(v.measured().contains("gd 1; gdm 0.1"), v.measured());
    }

    @Test
    void eachChecksEveryGridPointApartAndNumbersInWhereReadAsTheGridWritesThem() {
        List<SweepReport.Row> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            rows.add(row("gd", s, Map.of("t", "a", "m", "0"), "acc", 0.80 + 0.01 * s));
            rows.add(row("gdm", s, Map.of("t", "a", "m", "0"), "acc", 0.80 + 0.01 * s));
            rows.add(row("gd", s, Map.of("t", "b", "m", "0"), "acc", 0.70 + 0.01 * s));
            rows.add(row("gdm", s, Map.of("t", "b", "m", "0"), "acc", 0.76 + 0.01 * s)); // a gain of 0.06 at t = b
        }
        String within = "{type: difference, metric: acc, a: gdm, b: gd, at_least: -0.025, at_most: 0.025";
        assertEquals(Claims.Status.FAILS, eval(within + ", each: [t]}", rows, false).status());
        assertTrue(eval(within + ", each: [t]}", rows, false).measured().startsWith("fails at 1 of 2 combinations of t: t=b: acc: gdm − gd = 0.06"));
        assertEquals(Claims.Status.HOLDS, eval(within + ", each: [t], where: {m: 0.0}}", rows.stream().filter(r -> r.fields().get("t").equals("a")).toList(), false).status());
        assertEquals(Claims.Status.NOT_MEASURABLE, eval(within + ", each: [x]}", rows, false).status());
    }

    private static String error(String yaml) {
        return assertThrows(SpecException.class, () -> ClaimList.read(SpecTree.parse(yaml + "\n", "test").root().get("claims"), "claims")).getMessage();
    }

    @Test
    void everyPresetsClaimsReadBackEqualFromTheirTree() {
        int withClaims = 0;
        for (String p : ExperimentKinds.presets()) {
            SpecTree t = SpecTree.preset(p);
            List<Claim> claims = Claims.of(t);
            assertEquals(claims, ClaimList.read(ClaimList.toTree(claims), "claims"), p);
            String mode = t.root().path("reproduce").asText("never");
            assertTrue(mode.equals("never") || !claims.isEmpty(), p + " is reproduced but carries no claims");
            withClaims += claims.isEmpty() ? 0 : 1;
            JsonNode c = t.root().get("claims");
            assertTrue(c == null || c.isArray(), p);
        }
        assertTrue(withClaims >= 15, "presets with claims: " + withClaims); // this module's (the image presets live in momentumlab-deep)
    }
}
