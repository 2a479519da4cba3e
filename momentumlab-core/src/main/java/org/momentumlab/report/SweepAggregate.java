package org.momentumlab.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.AtomicFiles;
import org.momentumlab.experiment.rundir.RunDirectory;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.experiment.sweep.SweepDirectory;
import org.momentumlab.experiment.sweep.SweepPlan;

/**
 * Writes the aggregate of a sweep's finished runs, of any kind: {@code aggregate.csv} (every final
 * metric, mean, std, min, max, count and median per group), the pivot table (an event time, such as
 * an escape step, as its censored median with events/runs; in table.md followed by the kind's other
 * table columns for the same groups) {@code table.md|csv} and its
 * figure {@code figures/table.png|svg}. The default grouping (the grid axes, the kind's first table
 * column) goes in the sweep directory; any other grouping in {@code reports/<grouping>/} beside it,
 * so it never overwrites the default.
 */
public final class SweepAggregate {
    private SweepAggregate() {
    }

    /**
     * How to group: spec fields (null: the grid axes), pivot rows and columns (null: last and first
     * key), the metric (null: the kind's first column), and a grid axis to take the best value of per
     * label and group (null: the spec's {@code sweep.best}, if any).
     */
    public record Options(List<String> by, List<String> pivot, String metric, String best, List<String> correlate) {
        public static final Options DEFAULT = new Options(null, null, null, null, null);

        public Options(List<String> by, List<String> pivot, String metric) {
            this(by, pivot, metric, null, null);
        }

        boolean isDefault() {
            return by == null && pivot == null && metric == null && best == null && correlate == null;
        }

        String slug(List<String> keys, String m) {
            StringBuilder b = new StringBuilder("by-").append(String.join("+", keys));
            if (pivot != null) {
                b.append("-pivot-").append(String.join("+", pivot));
            }
            if (best != null) {
                b.append("-best-").append(best);
            }
            if (correlate != null) {
                b.append("-correlate-").append(String.join("+", correlate));
            }
            b.append("-").append(m);
            return b.toString().replaceAll("[^A-Za-z0-9._=+-]", "_");
        }
    }

    /** Aggregates and prints the table; returns the directory written. */
    public static Path write(SweepDirectory sweep, Options options, PrintWriter out, PrintWriter warnings) throws IOException {
        SweepPlan plan = SweepPlan.of(sweep.spec(), List.of(0L));
        List<String> grid = plan.keys();
        List<String> keys = options.by() != null ? options.by() : grid.isEmpty() ? List.of("name") : grid;
        String bestAxis = options.best() != null ? options.best() : plan.best();
        List<String> bestKeys = bestAxis == null ? null : java.util.Arrays.stream(bestAxis.split(","))
                .map(a -> plan.reportKey(a.strip(), options.best() != null ? "--best" : "sweep.best:")).toList();
        List<String> readKeys = keys;
        if (bestKeys != null) {
            keys = new ArrayList<>(keys);
            keys.removeAll(bestKeys);
            if (keys.isEmpty()) {
                keys.add("name");
            }
            readKeys = new ArrayList<>(keys);
            readKeys.addAll(bestKeys);
        }
        List<Path> finished = inPlanOrder(sweep, plan);
        ResultLayout layout = layout(finished.get(0));
        String labelHeader = String.join("/", layout.labelFields());
        String m = options.metric() != null ? options.metric() : layout.columns().get(0).metric();
        List<SweepReport.Row> runs = SweepReport.rows(finished, readKeys);
        List<SweepReport.Group> groups = SweepReport.aggregate(runs);
        if (groups.stream().noneMatch(g -> g.stats().containsKey(m))) {
            throw new SpecException("--metric " + m + " is not a final metric of these runs; known: " + groups.get(0).stats().keySet());
        }
        List<String> corr = options.correlate() != null ? options.correlate() : plan.correlate();
        if (corr != null) { // checked before anything is written
            if (corr.size() != 2) {
                throw new SpecException("--correlate takes two final metrics, x,y (e.g. noise_level_tail,test_acc), got " + corr);
            }
            for (String c : corr) {
                if (runs.stream().noneMatch(r -> r.finals().containsKey(c))) {
                    throw new SpecException("--correlate: " + c + " is not a final metric of these runs; known: " + groups.get(0).stats().keySet());
                }
            }
        }
        String picks = "";
        if (bestKeys != null) {
            boolean higher = SweepReport.higherIsBetter(m);
            SweepReport.Best best = SweepReport.best(groups, bestKeys, m, higher);
            groups = best.groups();
            picks = "Best " + String.join(", ", bestKeys) + " per " + labelHeader + (keys.equals(List.of("name")) ? "" : " and " + String.join(", ", keys))
                    + " (" + (higher ? "highest" : "lowest") + " mean " + m + " over seeds), as picked:\n\n" + TextTable.markdown(best.table()) + "\n";
        }
        String rowKey;
        String colKey;
        if (options.pivot() != null) {
            if (options.pivot().isEmpty() || options.pivot().size() > 2 || !keys.containsAll(options.pivot())) {
                throw new SpecException("--pivot takes one or two of the grouping fields " + keys + ", got " + options.pivot());
            }
            rowKey = options.pivot().get(0);
            colKey = options.pivot().size() > 1 ? options.pivot().get(1) : null;
        } else if (keys.size() > 2) { // rows: every grouping field but the first, together (no group left out of the table)
            List<String> rest = keys.subList(1, keys.size());
            rowKey = String.join(", ", rest);
            colKey = keys.get(0);
            String k = rowKey;
            groups = groups.stream().map(g -> {
                java.util.Map<String, String> f = new java.util.LinkedHashMap<>(g.fields());
                f.put(k, String.join(", ", rest.stream().map(g.fields()::get).toList()));
                return new SweepReport.Group(f, g.label(), g.stats(), g.values(), g.runs(), g.seeds());
            }).toList();
        } else {
            rowKey = keys.get(keys.size() - 1);
            colKey = keys.size() > 1 ? keys.get(0) : null;
        }
        Path target = options.isDefault() ? sweep.dir() : sweep.dir().resolve("reports").resolve(options.slug(keys, m));
        Files.createDirectories(target);
        List<String> events = org.momentumlab.experiment.rundir.Summary.eventMetrics(layout);
        boolean event = events.contains(m);
        AtomicFiles.write(target.resolve("aggregate.csv"), SweepReport.csv(groups, keys, labelHeader, events));
        boolean pooled = groups.stream().anyMatch(SweepReport.Group::pooled);
        boolean pct = layout.columns().stream().anyMatch(c -> c.metric().equals(m) && c.format() == ResultLayout.Format.PERCENT)
                || (layout.columns().stream().noneMatch(c -> c.metric().equals(m)) && m.contains("acc"));
        String over = pooled ? "mean ± std over the runs of each group, the seeds and the other grid values pooled (n = "
                + groups.stream().mapToInt(SweepReport.Group::runs).min().orElse(0) + " to "
                + groups.stream().mapToInt(SweepReport.Group::runs).max().orElse(0) + " runs)" : "mean ± std over seeds";
        if (event) {
            over = "median over " + (pooled ? "the runs of each group" : "seeds") + ", runs that never saw the event counted as latest"
                    + " (events/runs in parentheses)";
        }
        List<String[]> table = SweepReport.pivot(groups, rowKey, colKey, m, pct, event);
        StringBuilder others = new StringBuilder();
        for (ResultLayout.Column c : layout.columns()) { // the kind's other table columns, same groups (e.g. Figure 4's degraded accuracy and ratio)
            if (c.metric().equals(m) || events.contains(c.metric()) || groups.stream().noneMatch(g -> g.stats().containsKey(c.metric()))) {
                continue;
            }
            boolean cp = c.format() == ResultLayout.Format.PERCENT;
            others.append("\nMetric: ").append(c.metric()).append(" (").append(c.header()).append("; ").append(over).append(cp ? ", %" : "")
                    .append(")\n\n").append(TextTable.markdown(SweepReport.pivot(groups, rowKey, colKey, c.metric(), cp, false)));
        }
        List<Claims.Verdict> verdicts = List.of();
        if (options.isDefault()) { // the spec's claims over every finished run (rows with every grid axis): claims.json, table.md, the page
            List<org.momentumlab.experiment.Claim> claims = claims(sweep.spec(), plan);
            if (!claims.isEmpty()) {
                List<SweepReport.Row> all = readKeys.equals(grid) ? runs : SweepReport.rows(finished, grid);
                verdicts = Claims.evaluate(claims, all, Claims.names(sweep.spec()),
                        org.momentumlab.experiment.ExperimentKinds.of(sweep.spec().root()).deterministic());
                com.fasterxml.jackson.databind.node.ObjectNode c = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                c.set("claims", Claims.toJson(verdicts));
                AtomicFiles.write(target.resolve(Claims.FILE), new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(c) + "\n");
            } else {
                Files.deleteIfExists(target.resolve(Claims.FILE));
            }
        }
        AtomicFiles.write(target.resolve("table.md"), "Metric: " + m + " (" + over + (pct ? ", %" : "") + ")\n\n" + TextTable.markdown(table)
                + (picks.isEmpty() ? "" : "\n" + picks) + others + (verdicts.isEmpty() ? "" : "\n## Claims\n\n" + Claims.markdown(verdicts)));
        StringBuilder csv = new StringBuilder();
        table.forEach(r -> csv.append(String.join(",", List.of(r).stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList())).append('\n'));
        AtomicFiles.write(target.resolve("table.csv"), csv.toString());
        try {
            SweepReport.writePivotFigure(groups, rowKey, colKey, m, pct, event, target.resolve(RunDirectory.FIGURES), "table");
        } catch (Exception | Error e) {
            warnings.println("mlab: warning: could not draw the sweep figure (" + RunReport.reason(e) + "); the tables are written");
        }
        out.println(sweep.dir() + ": " + finished.size() + " finished runs; " + m + " as " + over + (pct ? " (%)" : "") + ":");
        out.print(TextTable.render(table, false));
        if (!picks.isEmpty()) {
            out.print(picks.replaceAll("(?m)^\\|", "  |"));
        }
        if (corr != null) {
            out.print(SweepCorrelation.write(runs, corr.get(0), corr.get(1), "smoothing", target, warnings).replaceAll("(?m)^\\|", "  |"));
            out.println("correlation: " + target.resolve("correlation.md") + ", " + target.resolve("figures/correlation.png"));
        }
        if (!verdicts.isEmpty()) {
            out.print(Claims.text(verdicts));
        }
        try { // each run's page, drawn once from its files (mlab report RUN-DIR draws it again)
            for (Path d : finished) {
                if (!Files.isRegularFile(d.resolve(HtmlReport.FILE))) {
                    HtmlReport.writeRun(org.momentumlab.experiment.rundir.RunRecord.read(d));
                }
            }
        } catch (Exception | Error e) {
            warnings.println("mlab: warning: could not write the run pages (" + RunReport.reason(e) + "); the tables are written");
        }
        try {
            var root = sweep.spec().root();
            HtmlReport.writeSweep(target, root.path("name").asText(sweep.dir().getFileName().toString()), root.path("description").asText(""),
                    groups, rowKey, colKey, m, pct, finished);
        } catch (Exception | Error e) {
            warnings.println("mlab: warning: could not write " + target.resolve(HtmlReport.FILE) + " (" + RunReport.reason(e) + "); the tables are written");
        }
        out.println("aggregate: " + target.resolve("aggregate.csv") + "; table: " + target.resolve("table.md") + "; page: " + target.resolve(HtmlReport.FILE));
        return target;
    }

    /**
     * The claims of a sweep's spec with their grid axes named as the sweep's rows name them (a named
     * multi-field axis such as lr by its first key); an axis the grid does not have is a {@link SpecException}.
     */
    public static List<org.momentumlab.experiment.Claim> claims(org.momentumlab.experiment.SpecTree spec, SweepPlan plan) {
        List<org.momentumlab.experiment.Claim> claims = new ArrayList<>(Claims.of(spec));
        for (int i = 0; i < claims.size(); i++) {
            String where = "claims[" + i + "].check:";
            claims.set(i, Claims.withKeys(List.of(claims.get(i)), a -> plan.reportKey(a, where)).get(0));
        }
        return claims;
    }

    /** The finished runs of a sweep as rows (grid fields, label, seed, final metrics), and the spec's sweep.correlate (or null). */
    public record Finished(List<SweepReport.Row> rows, List<String> correlate) {
    }

    /** Reads the finished runs of {@code sweep} (in the order its own report reads them); an error naming it where there are none. */
    public static Finished finished(SweepDirectory sweep) throws IOException {
        SweepPlan plan = SweepPlan.of(sweep.spec(), List.of(0L));
        return new Finished(SweepReport.rows(inPlanOrder(sweep, plan), plan.keys()), plan.correlate());
    }

    /** The finished run directories in the plan's order of grid points (seeds in directory order within a point). */
    private static List<Path> inPlanOrder(SweepDirectory sweep, SweepPlan plan) throws IOException {
        List<String> order = plan.points().stream().map(p -> new SweepPlan.Task(p, 0, null).dirName().replaceAll(",seed=0$", ",seed=")).toList();
        List<Path> finished = new ArrayList<>(sweep.finishedRuns());
        finished.sort(Comparator.comparingInt(d -> {
            String n = d.getFileName().toString();
            int i = order.indexOf(n.substring(0, n.lastIndexOf(",seed=") + 6));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        if (finished.isEmpty()) {
            throw new SpecException(sweep.dir() + " has no finished runs yet");
        }
        return finished;
    }

    private static ResultLayout layout(Path run) {
        try {
            return SpecMapper.MAPPER.readValue(run.resolve(RunDirectory.LAYOUT).toFile(), ResultLayout.class);
        } catch (IOException e) {
            throw new SpecException("cannot read " + run.resolve(RunDirectory.LAYOUT) + " (written by an older MomentumLab?): run the sweep again");
        }
    }
}
