package org.momentumlab.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;

/**
 * A sweep: a base spec, a grid over any of its dotted keys, and seeds. A spec declares it in its
 * {@code sweep} section:
 * <pre>
 * sweep:
 *   grid:
 *     optimizers.gdm.gamma: [0.9, 0.95, 0.99]
 *     data.mu: [0.01, 0.02]
 * </pre>
 * An axis may also move several fields together: its values are then mappings of dotted keys, e.g.
 * {@code student: [{student.arch: 1-mlp, optimizers.gd.lr: 1.0}, {student.arch: 2-cnn, optimizers.gd.lr: 0.25}]};
 * such an axis is reported under its first key ({@code student.arch}).
 * The points are the Cartesian product of the grid in key order (the last key varies fastest); each
 * point runs once per seed. A point's id is its assignments, {@code key=value} joined by {@code ,};
 * a task's id adds {@code ,seed=N}. Ids depend only on the spec, so a re-run finds its earlier work.
 */
public record SweepPlan(SpecTree base, Map<String, List<JsonNode>> grid, List<Long> seeds, String best, List<String> correlate) {

    /** A plan without a best-of axis or a correlation. */
    public SweepPlan(SpecTree base, Map<String, List<JsonNode>> grid, List<Long> seeds) {
        this(base, grid, seeds, null, null);
    }

    /**
     * The report field of grid axis {@code axis} (its name, or any field of a multi-field axis): the
     * field its values are reported by; one line naming the axes if there is none such.
     */
    public String reportKey(String axis, String what) {
        List<String> keys = keys();
        int i = 0;
        for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
            boolean member = e.getValue().get(0).isObject() && e.getValue().get(0).has(axis);
            if (e.getKey().equals(axis) || member) {
                return keys.get(i);
            }
            i++;
        }
        throw new SpecException(what + " " + axis + " is not a grid axis of this sweep (axes: " + String.join(", ", grid.keySet()) + ")");
    }

    /** The longest point name in a task's directory name (the rest: ",seed=N" and ".incomplete"). */
    static final int MAX_POINT_NAME = 200;

    /** One grid point: the values of the grid keys, in key order. */
    public record Point(Map<String, JsonNode> values) {
        /** {@code key=value,...}; "base" for an empty grid. */
        public String id() {
            if (values.isEmpty()) {
                return "base";
            }
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> {
                if (v.isObject()) {
                    v.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + text(f.getValue())));
                } else {
                    parts.add(k + "=" + text(v));
                }
            });
            return String.join(",", parts);
        }
    }

    /** One unit of work: a point and a seed, and the spec tree that runs it (seeds = [seed]). */
    public record Task(Point point, long seed, SpecTree spec) {
        public String id() {
            return point.id() + ",seed=" + seed;
        }

        /** A directory name for this task: the id with characters outside [A-Za-z0-9._=,-] replaced by '_', a long point name cut (see MAX_POINT_NAME). */
        public String dirName() {
            String p = point.id().replaceAll("[^A-Za-z0-9._=,-]", "_");
            if (p.length() > MAX_POINT_NAME) { // file names end at 255 bytes: a long point keeps its start and a hash of all of it
                p = p.substring(0, MAX_POINT_NAME - 9) + "~" + String.format(java.util.Locale.ROOT, "%08x", point.id().hashCode());
            }
            return p + ",seed=" + seed;
        }
    }

    /**
     * Splits a spec tree into base and grid: removes the {@code sweep} section from a copy of the
     * tree and reads {@code sweep.grid}; the {@code claims} (checked here) stay with the sweep's own
     * spec and are left out of the tasks. Seeds come from the base spec's {@code seeds} unless given.
     */
    public static SweepPlan of(SpecTree tree, List<Long> seeds) {
        ObjectNode root = tree.root().deepCopy();
        JsonNode sweep = root.remove("sweep");
        // the claims are the sweep's (checked over all its runs when it is aggregated), not each task's
        org.momentumlab.experiment.spec.ClaimList.read(root.remove("claims"), "claims");
        String best = null;
        List<String> correlate = null;
        Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
        if (sweep != null) {
            if (!sweep.isObject()) {
                throw new SpecException("sweep must be a section with a grid, e.g. sweep: {grid: {optimizers.gdm.gamma: [0.9, 0.99]}}");
            }
            sweep.fieldNames().forEachRemaining(k -> {
                if (!k.equals("grid") && !k.equals("best") && !k.equals("correlate")) {
                    throw new SpecException("unknown key 'sweep." + k + "' (not a field of sweep; sweep has: grid, best, correlate)");
                }
            });
            JsonNode c = sweep.get("correlate");
            if (c != null) {
                if (!c.isArray() || c.size() != 2 || !c.get(0).isTextual() || !c.get(1).isTextual()) {
                    throw new SpecException("sweep.correlate must name two final metrics, x then y (e.g. correlate: [noise_level_tail, test_acc]), got " + c);
                }
                correlate = List.of(c.get(0).asText(), c.get(1).asText());
            }
            JsonNode b = sweep.get("best");
            if (b != null && !b.isTextual() && !(b.isArray() && b.size() > 0 && java.util.stream.StreamSupport.stream(b.spliterator(), false)
                    .allMatch(JsonNode::isTextual))) {
                throw new SpecException("sweep.best must name a grid axis or a list of them (e.g. best: lr, or best: [lr, wd]), got " + b);
            }
            best = b == null ? null : b.isTextual() ? b.asText()
                    : String.join(",", java.util.stream.StreamSupport.stream(b.spliterator(), false).map(JsonNode::asText).toList());
            JsonNode g = sweep.get("grid");
            if (g != null && !g.isObject()) {
                throw new SpecException("sweep.grid must map dotted keys to lists of values");
            }
            if (g != null) {
                flatten((ObjectNode) g, "").fields().forEachRemaining(e -> {
                    List<JsonNode> values = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        ((ArrayNode) e.getValue()).forEach(values::add);
                    } else {
                        values.add(e.getValue());
                    }
                    if (values.isEmpty()) {
                        throw new SpecException("sweep.grid." + e.getKey() + " is an empty list");
                    }
                    boolean objects = values.get(0).isObject();
                    for (JsonNode v : values) {
                        if (v.isObject() != objects || (objects && v.size() == 0)) {
                            throw new SpecException("sweep.grid." + e.getKey() + ": values must be all plain values or all non-empty mappings of keys");
                        }
                    }
                    grid.put(e.getKey(), values);
                });
            }
        }
        SweepPlan plan = new SweepPlan(new SpecTree(root), grid, seeds, best, correlate);
        if (best != null) {
            for (String axis : best.split(",")) {
                plan.reportKey(axis.strip(), "sweep.best:");
            }
        }
        return plan;
    }

    /** Nested sections under grid (as --set sweep.grid.data.mu=[...] makes) become dotted keys. */
    private static ObjectNode flatten(ObjectNode g, String prefix) {
        ObjectNode out = g.objectNode();
        g.fields().forEachRemaining(e -> {
            String k = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                out.setAll(flatten((ObjectNode) e.getValue(), k));
            } else {
                out.set(k, e.getValue());
            }
        });
        return out;
    }

    /** The spec field that stands for each axis in reports: the axis key, or the first key of a multi-field axis. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        grid.forEach((k, values) -> out.add(values.get(0).isObject() ? values.get(0).fieldNames().next() : k));
        return out;
    }

    /** All grid points, last key fastest. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        out.add(new Point(new LinkedHashMap<>()));
        for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
            List<Point> next = new ArrayList<>();
            for (Point p : out) {
                for (JsonNode v : e.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(p.values());
                    m.put(e.getKey(), v);
                    next.add(new Point(m));
                }
            }
            out = next;
        }
        return out;
    }

    /** Every (point, seed) task, points outer, seeds inner; each spec tree has the point's values and seeds = [seed]. */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (Point p : points()) {
            for (long s : seeds) {
                SpecTree t = new SpecTree(base.root().deepCopy());
                p.values().forEach((k, v) -> {
                    if (v.isObject()) {
                        v.fields().forEachRemaining(f -> t.set(f.getKey(), f.getValue()));
                    } else {
                        t.set(k, v);
                    }
                });
                t.set("seeds", t.root().arrayNode().add(s));
                out.add(new Task(p, s, t));
            }
        }
        return out;
    }

    static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
