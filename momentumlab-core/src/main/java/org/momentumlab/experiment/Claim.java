package org.momentumlab.experiment;

import java.util.List;
import java.util.Map;

/**
 * A paper's claim as data: where it comes from, what it says, what the paper measured, and a check
 * over the final values of a run (or of a sweep's runs) that decides whether it holds here. A spec
 * carries its claims in the header field {@code claims}; {@code mlab run} and {@code mlab sweep}
 * evaluate them with {@code org.momentumlab.report.Claims} and record the verdicts.
 *
 * @param name      short name, unique in the spec (letters, digits, '-', '_')
 * @param source    the paper and its figure, table or section
 * @param statement the claim in words, as this check tests it
 * @param published the paper's own numbers, where it gives them (may be empty)
 * @param check     the check
 */
public record Claim(String name, String source, String statement, String published, Check check) {

    public Claim {
        published = published == null ? "" : published;
    }

    /** What the check compares. */
    public enum Type {
        /** mean(a) − mean(b) of {@code metric}: its 95 % interval within [at_least, at_most] (paired by seed and grid point when possible). */
        DIFFERENCE,
        /**
         * the mean of {@code metric} for each label of {@code labels} (all labels when empty): its 95 % interval
         * within [at_least, at_most]; with {@code stat: every}, every run's value within them.
         */
        VALUE,
        /** each run's {@code metric} lies in [its {@code low}, its {@code high}] (an interval the run measured itself), for each label of {@code labels}. */
        INSIDE,
        /**
         * {@code metric} over the groups in order ({@code labels}, or the values of grid axis {@code axis}): the
         * estimates ({@code stat} mean or median) move in {@code direction} at every step, and the last differs from
         * the first at 95 % (mean: paired t interval of the difference; median: paired-bootstrap interval of the ratio).
         */
        TREND,
        /** Spearman's rank correlation of {@code x} and {@code y} over the runs: its sign is {@code sign} and its 95 % bootstrap interval excludes 0. */
        CORRELATION
    }

    /**
     * A check; the fields its type does not use are left out.
     *
     * @param type      difference, value, inside, trend or correlation
     * @param metric    a final metric (difference, value, inside, trend)
     * @param a         difference: the label measured
     * @param b         difference: the label it is measured against
     * @param labels    value, inside: the labels checked (each must pass; empty: all); trend: the groups in order
     * @param axis      trend: a grid axis (spec key) whose values, in increasing order, are the groups
     * @param atLeast   difference, value: the lower bound the interval must clear (null: none)
     * @param atMost    difference, value: the upper bound (null: none)
     * @param low       inside: the metric holding each run's lower end
     * @param high      inside: the metric holding each run's upper end
     * @param direction trend: increasing or decreasing
     * @param stat      trend: mean (default) or median (censored: NaN counts as later than every event); value: mean
     *                  (default) or every (each run's value, no interval: a statement about every run)
     * @param x         correlation: the first metric
     * @param y         correlation: the second metric
     * @param sign      correlation: positive or negative
     * @param where     only the runs at these grid values (grid axis → value as written), e.g. {teacher.arch: linear}
     * @param best      grid axes tuned per label (a sweep's {@code best}): each label is compared at its best values of these
     *                  axes, the highest mean of {@code bestBy} over its runs
     * @param bestBy    the metric that picks the best values (default: {@code metric})
     * @param against   difference: grid values (axis → value) that make it an interaction: the difference a − b at
     *                  {@code where} minus the difference a − b at these values, paired by seed (e.g. momentum's gain
     *                  without batch norm minus its gain with it); {@code where} must give each of these axes another value
     * @param each      grid axes whose every combination of values is checked apart: the claim holds where it holds at
     *                  every one (e.g. every teacher-student pair of Table 1), fails where it fails at one
     */
    public record Check(Type type, String metric, String a, String b, List<String> labels, String axis, Double atLeast, Double atMost,
                        String low, String high, String direction, String stat, String x, String y, String sign, Map<String, String> where,
                        List<String> best, String bestBy, Map<String, String> against, List<String> each) {

        public Check {
            labels = labels == null ? List.of() : List.copyOf(labels);
            best = best == null ? List.of() : List.copyOf(best);
            bestBy = bestBy == null ? metric : bestBy;
            against = against == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(against));
            each = each == null ? List.of() : List.copyOf(each);
            if (!against.isEmpty() && type != Type.DIFFERENCE) {
                throw new IllegalArgumentException("against applies to a difference check only");
            }
            for (var e : against.entrySet()) {
                if (where == null || !where.containsKey(e.getKey()) || where.get(e.getKey()).equals(e.getValue())) {
                    throw new IllegalArgumentException("against." + e.getKey() + " = " + e.getValue() + ": where must give " + e.getKey()
                            + " the other value of the comparison (e.g. where: {" + e.getKey() + ": ...})");
                }
            }
            if (!best.isEmpty() && bestBy == null) {
                throw new IllegalArgumentException("best_by is missing: the metric that picks each label's best " + best);
            }
            where = where == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(where));
            stat = stat == null ? "mean" : stat;
            if (type == null) {
                throw new IllegalArgumentException("type is missing: give difference, value, inside, trend or correlation");
            }
            switch (type) {
                case DIFFERENCE -> {
                    need("metric", metric);
                    need("a", a);
                    need("b", b);
                    bounds(atLeast, atMost);
                }
                case VALUE -> {
                    need("metric", metric);
                    bounds(atLeast, atMost);
                    if (!stat.equals("mean") && !stat.equals("every")) {
                        throw new IllegalArgumentException("stat = " + stat + ": a value check takes mean or every");
                    }
                }
                case INSIDE -> {
                    need("metric", metric);
                    need("low", low);
                    need("high", high);
                }
                case TREND -> {
                    need("metric", metric);
                    if (labels.isEmpty() == (axis == null)) {
                        throw new IllegalArgumentException("a trend needs its groups: labels (at least two, in order) or axis (a grid axis), not both");
                    }
                    if (axis == null && labels.size() < 2) {
                        throw new IllegalArgumentException("labels = " + labels + ": a trend needs at least two labels, in order");
                    }
                    if (!"increasing".equals(direction) && !"decreasing".equals(direction)) {
                        throw new IllegalArgumentException("direction = " + direction + ": give increasing or decreasing");
                    }
                    if (!stat.equals("mean") && !stat.equals("median")) {
                        throw new IllegalArgumentException("stat = " + stat + ": a trend takes mean or median");
                    }
                }
                case CORRELATION -> {
                    need("x", x);
                    need("y", y);
                    if (!"positive".equals(sign) && !"negative".equals(sign)) {
                        throw new IllegalArgumentException("sign = " + sign + ": give positive or negative");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        private static void need(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is missing: this check needs it");
            }
        }

        private static void bounds(Double atLeast, Double atMost) {
            if (atLeast == null && atMost == null) {
                throw new IllegalArgumentException("at_least and at_most are both missing: give the bound(s) the interval must clear");
            }
            if (atLeast != null && atMost != null && atLeast > atMost) {
                throw new IllegalArgumentException("at_least = " + atLeast + " is above at_most = " + atMost);
            }
        }
    }
}
