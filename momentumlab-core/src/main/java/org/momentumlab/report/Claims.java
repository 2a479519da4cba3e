package org.momentumlab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.distribution.continuous.TDistribution;
import org.momentumlab.experiment.Claim;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.rundir.CensoredStats;

/**
 * Evaluates claims ({@link Claim}) over the final values of runs: one row per run (its grid point, label,
 * seed and final metrics), as a run directory's summary or a sweep's runs give them. Every check uses the
 * seeds' spread: a claim holds only when its 95 % interval clears the bound, so one lucky seed cannot make
 * it hold. With one seed the interval of a stochastic experiment is unknown and the claim is not
 * measurable; a deterministic kind's single run is its exact value.
 *
 * <p>Intervals: a mean, two-sided Student t; a difference of labels, paired t over runs of the same
 * grid point and seed when every run has its partner, Welch's t otherwise; a median ratio, the paired
 * bootstrap of {@link CensoredStats#medianRatio}; a correlation, Spearman's with its bootstrap interval
 * ({@link SweepCorrelation}).
 */
public final class Claims {
    private Claims() {
    }

    /** A sweep directory's verdicts ({@code {"claims": [...]}}); a run directory keeps them in summary.json. */
    public static final String FILE = "claims.json";

    /** The outcome of a check. */
    public enum Status {
        HOLDS("holds"), FAILS("fails"), NOT_MEASURABLE("not measurable");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * A claim's verdict.
     *
     * @param claim     the claim
     * @param status    holds, fails or not measurable here
     * @param measured  our numbers, with their intervals (or why nothing could be measured)
     * @param criterion what the numbers had to do
     */
    public record Verdict(Claim claim, Status status, String measured, String criterion) {
    }

    /** The claims of a spec tree ({@code claims}; none when absent). */
    public static List<Claim> of(org.momentumlab.experiment.SpecTree spec) {
        return org.momentumlab.experiment.spec.ClaimList.read(spec.root().get("claims"), "claims");
    }

    /** The display names of a spec tree's label values ({@code labels}). */
    public static Map<String, String> names(org.momentumlab.experiment.SpecTree spec) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.root().path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The verdicts of a run directory's claims (those of its spec.yaml) over its runs; empty when it has none. */
    public static List<Verdict> ofRun(org.momentumlab.experiment.rundir.RunRecord record) {
        return ofRun(record, of(record.spec()));
    }

    /** The verdicts of {@code claims} over a run directory's runs (a diverged run has no final values here). */
    public static List<Verdict> ofRun(org.momentumlab.experiment.rundir.RunRecord record, List<Claim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        List<SweepReport.Row> rows = new ArrayList<>();
        for (org.momentumlab.experiment.RunSeries r : record.runs()) {
            Map<String, Double> finals = new LinkedHashMap<>();
            boolean diverged = r.result() != null && r.result().diverged();
            for (String m : r.metrics().metrics()) { // the last value before a divergence is not the run's result
                finals.put(m, diverged ? Double.NaN : org.momentumlab.experiment.rundir.Summary.finalValue(r.metrics(), m));
            }
            rows.add(new SweepReport.Row(Map.of(), r.label().id(), r.seed(), finals));
        }
        boolean exact = org.momentumlab.experiment.ExperimentKinds.of(record.spec().root()).deterministic();
        return evaluate(claims, rows, names(record.spec()), exact);
    }

    /**
     * Evaluates every claim over {@code rows}; {@code names} are the spec's display names of label values
     * (a row's label may be the key or the display form), {@code exact} whether one run is an exact value
     * (a deterministic kind).
     */
    public static List<Verdict> evaluate(List<Claim> claims, List<SweepReport.Row> rows, Map<String, String> names, boolean exact) {
        List<Verdict> out = new ArrayList<>();
        for (Claim c : claims) {
            out.add(evaluate(c, rows, names, exact));
        }
        return out;
    }

    static Verdict evaluate(Claim claim, List<SweepReport.Row> all, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        if (!k.each().isEmpty()) {
            return eachPoint(claim, all, names, exact);
        }
        List<SweepReport.Row> rows = all.stream().filter(r -> k.where().entrySet().stream()
                .allMatch(e -> e.getValue().equals(r.fields().get(e.getKey())))).toList();
        if (rows.isEmpty()) {
            return new Verdict(claim, Status.NOT_MEASURABLE, "no runs" + (k.where().isEmpty() ? "" : " at " + k.where()), criterion(k));
        }
        if (!k.against().isEmpty()) {
            try {
                return interaction(claim, all, rows, names, exact);
            } catch (Unmeasurable u) {
                return new Verdict(claim, Status.NOT_MEASURABLE, u.getMessage(), criterion(k));
            }
        }
        try {
            String picked = "";
            if (!k.best().isEmpty() && rows.stream().noneMatch(r -> r.finals().containsKey(k.bestBy()))) {
                throw new Unmeasurable("no metric " + k.bestBy() + " (best_by) in the runs");
            }
            if (!k.best().isEmpty()) {
                StringBuilder at = new StringBuilder();
                rows = atBest(rows, k.best(), k.bestBy(), at);
                picked = " (at each label's best " + String.join(", ", k.best()) + " by " + k.bestBy() + ": " + at + ")";
            }
            Verdict v = check(claim, rows, names, exact);
            return picked.isEmpty() ? v : new Verdict(claim, v.status(), v.measured() + picked, v.criterion());
        } catch (Unmeasurable u) {
            return new Verdict(claim, Status.NOT_MEASURABLE, u.getMessage(), criterion(k));
        }
    }

    /**
     * The check at every combination of the {@code each} axes' values apart: holds where it holds at every
     * one, fails where it fails at one, else not measurable; the numbers of the failing (or unmeasurable,
     * or least clear) combinations are shown.
     */
    private static Verdict eachPoint(Claim claim, List<SweepReport.Row> all, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        Map<List<String>, List<SweepReport.Row>> points = new LinkedHashMap<>();
        for (SweepReport.Row r : all) {
            List<String> at = new ArrayList<>();
            for (String a : k.each()) {
                String v = r.fields().get(a);
                if (v == null) {
                    return new Verdict(claim, Status.NOT_MEASURABLE, "the runs have no grid axis " + a, criterion(k));
                }
                at.add(a + "=" + v);
            }
            points.computeIfAbsent(at, x -> new ArrayList<>()).add(r);
        }
        Claim one = new Claim(claim.name(), claim.source(), claim.statement(), claim.published(), new Claim.Check(k.type(), k.metric(), k.a(), k.b(),
                k.labels(), k.axis(), k.atLeast(), k.atMost(), k.low(), k.high(), k.direction(), k.stat(), k.x(), k.y(), k.sign(), k.where(), k.best(),
                k.bestBy(), k.against(), List.of()));
        List<String> failing = new ArrayList<>();
        List<String> unmeasurable = new ArrayList<>();
        String first = "";
        for (var e : points.entrySet()) {
            Verdict v = evaluate(one, e.getValue(), names, exact);
            String shown = String.join(", ", e.getKey()) + ": " + v.measured();
            first = first.isEmpty() ? shown : first;
            if (v.status() == Status.FAILS) {
                failing.add(shown);
            } else if (v.status() == Status.NOT_MEASURABLE) {
                unmeasurable.add(shown);
            }
        }
        String n = points.size() + " combinations of " + String.join(", ", k.each());
        if (!failing.isEmpty()) {
            return new Verdict(claim, Status.FAILS, "fails at " + failing.size() + " of " + n + ": " + String.join("; ", failing), criterion(k));
        }
        if (!unmeasurable.isEmpty()) {
            return new Verdict(claim, Status.NOT_MEASURABLE, "not measurable at " + unmeasurable.size() + " of " + n + ": "
                    + String.join("; ", unmeasurable), criterion(k));
        }
        return new Verdict(claim, Status.HOLDS, "holds at each of " + n + " (e.g. " + first + ")", criterion(k));
    }

    private static Verdict check(Claim claim, List<SweepReport.Row> rows, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        for (String m : java.util.Arrays.asList(k.metric(), k.low(), k.high(), k.x(), k.y())) {
            if (m != null && rows.stream().noneMatch(r -> r.finals().containsKey(m))) {
                throw new Unmeasurable("no metric " + m + " in the runs");
            }
        }
        return switch (k.type()) {
            case DIFFERENCE -> difference(claim, rows, names, exact);
            case VALUE -> value(claim, rows, names, exact);
            case INSIDE -> inside(claim, rows, names);
            case TREND -> trend(claim, rows, names, exact);
            case CORRELATION -> correlation(claim, rows);
        };
    }

    /**
     * Each label's runs at its best values of the {@code axes} (the highest mean of {@code by}), picked
     * apart at each value of the other grid axes; {@code picked} says which.
     */
    static List<SweepReport.Row> atBest(List<SweepReport.Row> rows, List<String> axes, String by, StringBuilder picked) {
        Map<List<Object>, Map<List<String>, List<SweepReport.Row>>> groups = new LinkedHashMap<>();
        for (SweepReport.Row r : rows) {
            List<String> values = new ArrayList<>();
            for (String a : axes) {
                String v = r.fields().get(a);
                if (v == null) {
                    throw new Unmeasurable("the runs have no grid axis " + a);
                }
                values.add(v);
            }
            Map<String, String> rest = new LinkedHashMap<>(r.fields());
            rest.keySet().removeAll(axes);
            groups.computeIfAbsent(List.of(r.label(), rest), x -> new LinkedHashMap<>()).computeIfAbsent(values, x -> new ArrayList<>()).add(r);
        }
        List<SweepReport.Row> out = new ArrayList<>();
        groups.forEach((group, at) -> {
            List<String> best = null;
            double bestMean = Double.NEGATIVE_INFINITY;
            boolean higher = SweepReport.higherIsBetter(by);
            for (var e : at.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(r -> value(r, by)).toArray();
                double mean = Arrays.stream(v).sum() / v.length;
                // a value where a run has no finite result (diverged) is never the best
                double m = !Double.isFinite(mean) ? Double.NEGATIVE_INFINITY : higher ? mean : -mean;
                if (best == null || m > bestMean) {
                    best = e.getKey();
                    bestMean = m;
                }
            }
            out.addAll(at.get(best));
            @SuppressWarnings("unchecked")
            Map<String, String> rest = (Map<String, String>) group.get(1);
            picked.append(picked.length() == 0 ? "" : "; ").append(group.get(0)).append(rest.isEmpty() ? "" : " " + rest.values())
                    .append(" ").append(String.join(", ", best));
        });
        return out;
    }

    /** The claims with their grid axes ({@code where}, {@code axis}, {@code best}) renamed by {@code key} (a sweep's axis → the field its rows carry). */
    public static List<Claim> withKeys(List<Claim> claims, java.util.function.UnaryOperator<String> key) {
        List<Claim> out = new ArrayList<>();
        for (Claim c : claims) {
            Claim.Check k = c.check();
            Map<String, String> where = new LinkedHashMap<>();
            k.where().forEach((a, v) -> where.put(key.apply(a), v));
            Map<String, String> against = new LinkedHashMap<>();
            k.against().forEach((a, v) -> against.put(key.apply(a), v));
            Claim.Check m = new Claim.Check(k.type(), k.metric(), k.a(), k.b(), k.labels(), k.axis() == null ? null : key.apply(k.axis()), k.atLeast(),
                    k.atMost(), k.low(), k.high(), k.direction(), k.stat(), k.x(), k.y(), k.sign(), where, k.best().stream().map(key).toList(), k.bestBy(), against, k.each().stream().map(key).toList());
            out.add(new Claim(c.name(), c.source(), c.statement(), c.published(), m));
        }
        return out;
    }

    /** Why a check has no number here (a label, a metric or seeds missing). */
    private static final class Unmeasurable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unmeasurable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What a check's numbers must do, in words. */
    public static String criterion(Claim.Check k) {
        return switch (k.type()) {
            case DIFFERENCE -> "95 % interval of " + (k.against().isEmpty() ? k.a() + " − " + k.b()
                    : "(" + k.a() + " − " + k.b() + ")" + (k.where().isEmpty() ? "" : " at " + k.where()) + " minus the same at " + k.against()) + " " + bounds(k);
            case VALUE -> (k.stat().equals("every") ? "every run's value " : "95 % interval of the mean ") + bounds(k)
                    + (k.labels().isEmpty() ? "" : " for " + String.join(", ", k.labels()));
            case INSIDE -> "every run's " + k.metric() + " in [" + k.low() + ", " + k.high() + "]"
                    + (k.labels().isEmpty() ? "" : " for " + String.join(", ", k.labels()));
            case TREND -> k.stat() + " " + k.direction() + " at every step over "
                    + (k.axis() != null ? k.axis() : String.join(" → ", k.labels())) + ", last vs first at 95 %";
            case CORRELATION -> "Spearman ρ(" + k.x() + ", " + k.y() + ") " + ("positive".equals(k.sign()) ? "> 0" : "< 0")
                    + " with its 95 % interval";
        };
    }

    private static String bounds(Claim.Check k) {
        if (k.atLeast() != null && k.atMost() != null) {
            return "within [" + Num.sig(k.atLeast(), 4) + ", " + Num.sig(k.atMost(), 4) + "]";
        }
        return k.atLeast() != null ? "≥ " + Num.sig(k.atLeast(), 4) : "≤ " + Num.sig(k.atMost(), 4);
    }

    // ---- label matching

    /** Whether a row's label is {@code wanted}: its key form or display form, '*' matching any text within a part. */
    static boolean matches(String rowLabel, String wanted, Map<String, String> names) {
        String display = String.join("/", Arrays.stream(wanted.split("/", -1)).map(p -> names.getOrDefault(p, p)).toList());
        return glob(wanted).matcher(rowLabel).matches() || glob(display).matcher(rowLabel).matches();
    }

    private static java.util.regex.Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        String[] parts = g.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append("[^/]*");
            }
            re.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return java.util.regex.Pattern.compile(re.toString());
    }

    private static List<SweepReport.Row> of(List<SweepReport.Row> rows, String label, Map<String, String> names) {
        List<SweepReport.Row> out = rows.stream().filter(r -> matches(r.label(), label, names)).toList();
        if (out.isEmpty()) {
            throw new Unmeasurable("no runs of label " + label);
        }
        return out;
    }

    /** The runs of the one label {@code label} names (a difference compares two labels, not groups of them). */
    private static List<SweepReport.Row> single(List<SweepReport.Row> rows, String label, Map<String, String> names) {
        List<SweepReport.Row> out = of(rows, label, names);
        List<String> distinct = out.stream().map(SweepReport.Row::label).distinct().toList();
        if (distinct.size() > 1) {
            throw new Unmeasurable(label + " names " + distinct.size() + " labels (" + String.join(", ", distinct) + "): a difference compares two labels");
        }
        return out;
    }

    /** The distinct labels of the rows matching any of {@code wanted} (all when empty), in first-appearance order. */
    private static List<String> labels(List<SweepReport.Row> rows, List<String> wanted, Map<String, String> names) {
        List<String> out = new ArrayList<>();
        for (SweepReport.Row r : rows) {
            if (!out.contains(r.label()) && (wanted.isEmpty() || wanted.stream().anyMatch(w -> matches(r.label(), w, names)))) {
                out.add(r.label());
            }
        }
        if (out.isEmpty()) {
            throw new Unmeasurable("no runs of label " + String.join(", ", wanted));
        }
        return out;
    }

    /** A run's final value of {@code metric}; NaN where this run never recorded it (e.g. an event that did not happen). */
    private static double value(SweepReport.Row r, String metric) {
        return r.finals().getOrDefault(metric, Double.NaN);
    }

    // ---- intervals

    /** A point estimate and its 95 % interval. */
    record Interval(double estimate, double low, double high, int n) {
        String shown() {
            return low == high ? Num.sig(estimate, 4) : Num.sig(estimate, 4) + " [" + Num.sig(low, 4) + ", " + Num.sig(high, 4) + "]";
        }
    }

    static double tQuantile(double df) {
        return new TDistribution(df).inverseCumulativeProbability(0.975);
    }

    /** The mean of the finite values with its two-sided 95 % t interval; one value: exact, or unmeasurable. */
    static Interval mean(double[] v, boolean exact, String what) {
        double[] x = Arrays.stream(v).filter(Double::isFinite).toArray();
        if (x.length < v.length) { // a diverged run (or one that never recorded it) is not left out silently
            throw new Unmeasurable((v.length - x.length) + " of " + v.length + " runs have no finite " + what + " (diverged, or never recorded)");
        }
        if (x.length == 0) {
            throw new Unmeasurable("no finite " + what);
        }
        Moments s = Moments.of(x);
        if (x.length == 1) {
            if (!exact) {
                throw new Unmeasurable(what + " = " + Num.sig(x[0], 4) + " from one seed: an interval needs at least two");
            }
            return new Interval(x[0], x[0], x[0], 1);
        }
        double h = tQuantile(x.length - 1) * s.std / Math.sqrt(x.length);
        return new Interval(s.mean, s.mean - h, s.mean + h, x.length);
    }

    private record Moments(double mean, double std) {
        static Moments of(double[] x) {
            double m = Arrays.stream(x).sum() / x.length;
            double ss = 0;
            for (double v : x) {
                ss += (v - m) * (v - m);
            }
            return new Moments(m, x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0);
        }
    }

    /**
     * Pairs runs of two groups by seed and grid values, leaving out the fields in {@code drop} (and by label too when
     * {@code sameLabel}: the same label at two values of an axis); null unless every run has exactly one partner.
     */
    static double[][] paired(List<SweepReport.Row> a, List<SweepReport.Row> b, String metric, java.util.Collection<String> drop, boolean sameLabel) {
        Map<List<Object>, SweepReport.Row> byKey = new LinkedHashMap<>();
        for (SweepReport.Row r : b) {
            if (byKey.put(key(r, drop, sameLabel), r) != null) {
                return null;
            }
        }
        if (byKey.size() != a.size()) {
            return null;
        }
        if (a.stream().map(r -> key(r, drop, sameLabel)).distinct().count() != a.size()) {
            return null; // one to one only
        }
        double[][] out = new double[2][a.size()];
        int i = 0;
        for (SweepReport.Row r : a) {
            SweepReport.Row p = byKey.get(key(r, drop, sameLabel));
            if (p == null) {
                return null;
            }
            out[0][i] = value(r, metric);
            out[1][i] = value(p, metric);
            i++;
        }
        return out;
    }

    private static List<Object> key(SweepReport.Row r, java.util.Collection<String> drop, boolean sameLabel) {
        Map<String, String> f = new LinkedHashMap<>(r.fields());
        f.keySet().removeAll(drop);
        return List.of(f, r.seed(), sameLabel ? r.label() : "");
    }

    /** mean(a) − mean(b): paired t where the runs pair up, else Welch. */
    static Interval difference(List<SweepReport.Row> a, List<SweepReport.Row> b, String metric, java.util.Collection<String> drop, boolean sameLabel,
            boolean exact) {
        double[][] p = paired(a, b, metric, drop, sameLabel);
        if (p != null) {
            double[] d = new double[p[0].length];
            for (int i = 0; i < d.length; i++) {
                d[i] = p[0][i] - p[1][i];
            }
            return mean(d, exact, "the difference of " + metric);
        }
        double[] x = a.stream().mapToDouble(r -> value(r, metric)).filter(Double::isFinite).toArray();
        double[] y = b.stream().mapToDouble(r -> value(r, metric)).filter(Double::isFinite).toArray();
        if (x.length < a.size() || y.length < b.size()) {
            throw new Unmeasurable((a.size() - x.length + b.size() - y.length) + " of " + (a.size() + b.size()) + " runs have no finite " + metric
                    + " (diverged, or never recorded)");
        }
        if (x.length < 2 || y.length < 2) {
            throw new Unmeasurable(metric + " over " + x.length + " and " + y.length + " unpaired runs: an interval needs at least two of each");
        }
        Moments sx = Moments.of(x);
        Moments sy = Moments.of(y);
        double vx = sx.std * sx.std / x.length;
        double vy = sy.std * sy.std / y.length;
        double se = Math.sqrt(vx + vy);
        double diff = sx.mean - sy.mean;
        if (se == 0) {
            return new Interval(diff, diff, diff, x.length + y.length);
        }
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        double h = tQuantile(df) * se;
        return new Interval(diff, diff - h, diff + h, x.length + y.length);
    }

    private static boolean within(Interval i, Claim.Check k) {
        return (k.atLeast() == null || i.low() >= k.atLeast()) && (k.atMost() == null || i.high() <= k.atMost());
    }

    /** Says so where the estimate meets the bounds and only its interval does not: more seeds could decide it. */
    private static String unsure(Interval i, Claim.Check k) {
        boolean estimate = (k.atLeast() == null || i.estimate() >= k.atLeast()) && (k.atMost() == null || i.estimate() <= k.atMost());
        return !within(i, k) && estimate ? " (inconclusive: the estimate meets the bound, its interval over " + i.n() + " does not)" : "";
    }

    // ---- the checks

    private static Verdict difference(Claim claim, List<SweepReport.Row> rows, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        Interval d = difference(single(rows, k.a(), names), single(rows, k.b(), names), k.metric(), k.best(), false, exact);
        String measured = k.metric() + ": " + k.a() + " − " + k.b() + " = " + d.shown() + " (" + d.n() + " pairs or runs)" + unsure(d, k);
        return new Verdict(claim, within(d, k) ? Status.HOLDS : Status.FAILS, measured, criterion(k));
    }

    /** (a − b at where) − (a − b at against), each a − b paired by seed and the other grid values. */
    private static Verdict interaction(Claim claim, List<SweepReport.Row> all, List<SweepReport.Row> here, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        Map<String, String> at = new LinkedHashMap<>(k.where());
        at.putAll(k.against());
        List<SweepReport.Row> there = all.stream().filter(r -> at.entrySet().stream().allMatch(e -> e.getValue().equals(r.fields().get(e.getKey())))).toList();
        if (there.isEmpty()) {
            throw new Unmeasurable("no runs at " + at);
        }
        List<String> drop = new ArrayList<>(k.best());
        drop.addAll(at.keySet());
        StringBuilder picked = new StringBuilder();
        Map<List<Object>, Double> d1 = gaps(k, !k.best().isEmpty() ? atBest(here, k.best(), k.bestBy(), picked) : here, names, drop);
        Map<List<Object>, Double> d2 = gaps(k, !k.best().isEmpty() ? atBest(there, k.best(), k.bestBy(), picked.append("; ")) : there, names, drop);
        List<Double> dd = new ArrayList<>();
        d1.forEach((key, v) -> {
            if (d2.containsKey(key)) {
                dd.add(v - d2.get(key));
            }
        });
        if (dd.isEmpty()) {
            throw new Unmeasurable("no seed has runs of " + k.a() + " and " + k.b() + " at both " + (k.where().isEmpty() ? "the other values" : k.where())
                    + " and " + at);
        }
        Interval i = mean(dd.stream().mapToDouble(Double::doubleValue).toArray(), exact, "the difference of the gaps in " + k.metric());
        String measured = k.metric() + ": (" + k.a() + " − " + k.b() + (k.where().isEmpty() ? "" : " at " + k.where()) + ") − (" + k.a() + " − " + k.b()
                + " at " + at + ") = " + i.shown() + " (" + i.n() + " seeds)" + unsure(i, k)
                + (k.best().isEmpty() ? "" : " (at each label's best " + String.join(", ", k.best()) + ": " + picked + ")");
        return new Verdict(claim, within(i, k) ? Status.HOLDS : Status.FAILS, measured, criterion(k));
    }

    /** a − b of {@code metric} per pairing key (seed and the grid values not in {@code drop}); runs without a partner are left out. */
    private static Map<List<Object>, Double> gaps(Claim.Check k, List<SweepReport.Row> rows, Map<String, String> names, List<String> drop) {
        Map<List<Object>, Double> b = new LinkedHashMap<>();
        for (SweepReport.Row r : single(rows, k.b(), names)) {
            if (b.put(key(r, drop, false), value(r, k.metric())) != null) {
                throw new Unmeasurable("the runs of " + k.b() + " do not pair one to one by seed and grid values");
            }
        }
        Map<List<Object>, Double> out = new LinkedHashMap<>();
        for (SweepReport.Row r : single(rows, k.a(), names)) {
            Double other = b.get(key(r, drop, false));
            if (other != null && out.put(key(r, drop, false), value(r, k.metric()) - other) != null) {
                throw new Unmeasurable("the runs of " + k.a() + " do not pair one to one by seed and grid values");
            }
        }
        return out;
    }

    private static Verdict value(Claim claim, List<SweepReport.Row> rows, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        for (String label : labels(rows, k.labels(), names)) {
            double[] v = rows.stream().filter(r -> r.label().equals(label)).mapToDouble(r -> value(r, k.metric())).toArray();
            if (k.stat().equals("every")) { // every run's own value: the range of them, no interval
                double lo = Arrays.stream(v).min().orElse(Double.NaN);
                double hi = Arrays.stream(v).max().orElse(Double.NaN);
                boolean finite = Arrays.stream(v).allMatch(Double::isFinite);
                ok &= finite && (k.atLeast() == null || lo >= k.atLeast()) && (k.atMost() == null || hi <= k.atMost());
                parts.add(label + ": " + (!finite ? "a run without a finite value" : lo == hi ? Num.sig(lo, 4)
                        : "from " + Num.sig(lo, 4) + " to " + Num.sig(hi, 4)) + " over " + v.length + " runs");
                continue;
            }
            Interval m = mean(v, exact, k.metric() + " of " + label);
            ok &= within(m, k);
            parts.add(label + ": " + m.shown() + unsure(m, k));
        }
        return new Verdict(claim, ok ? Status.HOLDS : Status.FAILS, k.metric() + " " + String.join("; ", parts), criterion(k));
    }

    private static Verdict inside(Claim claim, List<SweepReport.Row> rows, Map<String, String> names) {
        Claim.Check k = claim.check();
        List<String> parts = new ArrayList<>();
        int in = 0;
        int n = 0;
        for (String label : labels(rows, k.labels(), names)) {
            for (SweepReport.Row r : rows) {
                if (!r.label().equals(label)) {
                    continue;
                }
                double v = value(r, k.metric());
                double lo = value(r, k.low());
                double hi = value(r, k.high());
                n++;
                boolean ok = v >= lo && v <= hi;
                in += ok ? 1 : 0;
                parts.add(label + ": " + Num.sig(v, 4) + (ok ? " in " : " outside ") + "[" + Num.sig(lo, 4) + ", " + Num.sig(hi, 4) + "]");
            }
        }
        return new Verdict(claim, in == n ? Status.HOLDS : Status.FAILS, k.metric() + " " + String.join("; ", parts), criterion(k));
    }

    private static Verdict trend(Claim claim, List<SweepReport.Row> rows, Map<String, String> names, boolean exact) {
        Claim.Check k = claim.check();
        List<String> groupNames = new ArrayList<>();
        List<List<SweepReport.Row>> groups = new ArrayList<>();
        if (k.axis() != null) {
            List<String> values = rows.stream().map(r -> r.fields().get(k.axis())).distinct().toList();
            if (values.contains(null)) {
                throw new Unmeasurable("the runs have no grid axis " + k.axis());
            }
            values = values.stream().sorted(Comparator.comparingDouble(Claims::numeric)).toList();
            for (String v : values) {
                groupNames.add(k.axis() + "=" + v);
                groups.add(rows.stream().filter(r -> v.equals(r.fields().get(k.axis()))).toList());
            }
        } else {
            for (String l : k.labels()) {
                groupNames.add(String.join("/", Arrays.stream(l.split("/", -1)).map(p -> names.getOrDefault(p, p)).toList()));
                groups.add(of(rows, l, names));
            }
        }
        if (groups.size() < 2) {
            throw new Unmeasurable("one group only (" + String.join(", ", groupNames) + "): a trend needs two");
        }
        boolean up = k.direction().equals("increasing");
        boolean median = k.stat().equals("median");
        double[] est = new double[groups.size()];
        for (int g = 0; g < est.length; g++) {
            double[] v = groups.get(g).stream().mapToDouble(r -> value(r, k.metric())).toArray();
            est[g] = median ? CensoredStats.of(v).median() : mean(v, true, k.metric()).estimate();
        }
        boolean monotone = true;
        for (int g = 1; g < est.length; g++) {
            monotone &= up ? est[g] > est[g - 1] : est[g] < est[g - 1];
        }
        List<String> shown = new ArrayList<>();
        for (int g = 0; g < est.length; g++) {
            shown.add(groupNames.get(g) + " " + Num.sig(est[g], 4));
        }
        List<SweepReport.Row> first = groups.get(0);
        List<SweepReport.Row> last = groups.get(groups.size() - 1);
        boolean significant;
        String end;
        if (median) {
            double[][] p = paired(last, first, k.metric(), drop(k), k.axis() != null);
            if (p == null) {
                throw new Unmeasurable("the first and last groups' runs do not pair up by seed: the median ratio needs paired runs");
            }
            double[] ratio = CensoredStats.medianRatio(p[0], p[1]);
            significant = up ? ratio[1] > 1 : ratio[2] < 1;
            end = "last/first median " + Num.sig(ratio[0], 4) + " [" + Num.sig(ratio[1], 4) + ", " + Num.sig(ratio[2], 4) + "]";
        } else {
            Interval d = difference(last, first, k.metric(), drop(k), k.axis() != null, exact);
            significant = up ? d.low() > 0 : d.high() < 0;
            end = "last − first " + d.shown();
        }
        String measured = k.metric() + " (" + k.stat() + "): " + String.join(", ", shown) + "; " + end;
        return new Verdict(claim, monotone && significant ? Status.HOLDS : Status.FAILS, measured, criterion(k));
    }

    /** The fields a trend's pairs may differ in: its axis and the axes tuned per label. */
    private static List<String> drop(Claim.Check k) {
        List<String> d = new ArrayList<>(k.best());
        if (k.axis() != null) {
            d.add(k.axis());
        }
        return d;
    }

    private static double numeric(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Verdict correlation(Claim claim, List<SweepReport.Row> rows) {
        Claim.Check k = claim.check();
        double[][] xy = SweepCorrelation.points(rows, k.x(), k.y());
        if (rows.stream().noneMatch(r -> r.finals().containsKey(k.x()) && r.finals().containsKey(k.y()))) {
            throw new Unmeasurable("no metrics " + k.x() + " and " + k.y() + " in the runs");
        }
        if (xy[0].length < 4) {
            throw new Unmeasurable(xy[0].length + " runs with finite " + k.x() + " and " + k.y() + ": a correlation's interval needs at least 4");
        }
        SweepCorrelation.Estimate s = SweepCorrelation.bootstrap(xy[0], xy[1], SweepCorrelation::spearman, claim.name().hashCode());
        boolean positive = "positive".equals(k.sign());
        boolean ok = positive ? s.low() > 0 : s.high() < 0;
        String measured = String.format(Locale.ROOT, "Spearman ρ = %s [%s, %s] over %d runs", Num.sig(s.value(), 3), Num.sig(s.low(), 3),
                Num.sig(s.high(), 3), xy[0].length);
        return new Verdict(claim, ok ? Status.HOLDS : Status.FAILS, measured, criterion(k));
    }

    // ---- output

    /** The verdicts as JSON (summary.json's and claims.json's {@code claims}). */
    public static ArrayNode toJson(List<Verdict> verdicts) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Verdict v : verdicts) {
            put(a.addObject(), v.claim(), v.status().word(), v.measured(), v.criterion());
        }
        return a;
    }

    /** A verdict's fields into {@code o}: name, source, statement, published, verdict, measured, criterion. */
    public static com.fasterxml.jackson.databind.node.ObjectNode put(com.fasterxml.jackson.databind.node.ObjectNode o, Claim claim, String verdict,
            String measured, String criterion) {
        o.put("name", claim.name());
        o.put("source", claim.source());
        o.put("statement", claim.statement());
        o.put("published", claim.published());
        o.put("verdict", verdict);
        o.put("measured", measured);
        o.put("criterion", criterion);
        return o;
    }

    /** The verdicts as a Markdown table. */
    public static String markdown(List<Verdict> verdicts) {
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"claim", "source", "statement", "verdict", "ours", "criterion"});
        for (Verdict v : verdicts) {
            t.add(new String[] {v.claim().name(), v.claim().source(), v.claim().statement(), "**" + v.status().word() + "**", v.measured(),
                v.criterion()});
        }
        return TextTable.markdown(t);
    }

    /** The verdicts for the terminal: the verdict, the claim and its source, then our numbers and what they had to do (wrapped at 100 columns). */
    public static String text(List<Verdict> verdicts) {
        StringBuilder sb = new StringBuilder("claims (95 % intervals over seeds; the statements are in table.md and report.html):\n");
        for (Verdict v : verdicts) {
            sb.append(String.format(Locale.ROOT, "  %-15s %s (%s)%n", v.status().word(), v.claim().name(), v.claim().source()));
            for (String line : wrap("ours: " + v.measured() + "; needs: " + v.criterion(), 100 - 18)) {
                sb.append(" ".repeat(18)).append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(w);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
