package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.momentumlab.experiment.spec.SpecBinder;

/**
 * The registry of experiment kinds (found with {@link ServiceLoader}, in class-path order) and the
 * entry point that binds a spec tree to the {@link Spec} of its kind.
 */
public final class ExperimentKinds {
    private ExperimentKinds() {
    }

    private static volatile Map<String, ExperimentKind<?>> kinds;

    /** Every kind, in registration order. */
    public static List<ExperimentKind<?>> all() {
        return List.copyOf(registry().values());
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, ExperimentKind<?>> registry() {
        if (kinds == null) {
            synchronized (ExperimentKinds.class) {
                if (kinds == null) {
                    Map<String, ExperimentKind<?>> m = new LinkedHashMap<>();
                    for (ExperimentKind k : ServiceLoader.load(ExperimentKind.class, ExperimentKinds.class.getClassLoader())) {
                        if (m.putIfAbsent(k.id(), k) != null) {
                            throw new IllegalStateException("two experiment kinds are registered as '" + k.id() + "'");
                        }
                    }
                    kinds = m;
                }
            }
        }
        return kinds;
    }

    /** The kind with this id, or a {@link SpecException} listing the kinds. */
    public static ExperimentKind<?> get(String id) {
        ExperimentKind<?> k = registry().get(id);
        if (k == null) {
            throw new SpecException("experiment = '" + id + "' is not allowed: must be one of " + String.join(", ", registry().keySet()));
        }
        return k;
    }

    /** The kind of a spec tree: its {@code experiment} field, or the default kind. */
    public static ExperimentKind<?> of(ObjectNode root) {
        JsonNode n = root.get("experiment");
        if (n == null || n.isNull()) {
            return registry().values().stream().filter(ExperimentKind::isDefault).findFirst()
                    .orElseThrow(() -> new SpecException("experiment is missing: must be one of " + String.join(", ", registry().keySet())));
        }
        if (!n.isTextual()) {
            throw new SpecException("experiment must be one of " + String.join(", ", registry().keySet()) + ", got " + n);
        }
        return get(n.asText());
    }

    /**
     * Binds (and fully checks, with what this machine must provide to run it) a spec tree; a tree
     * with a {@code sweep} section must go through the sweep plan.
     */
    public static Spec<?> bind(SpecTree tree) {
        if (tree.root().has("sweep")) {
            throw new SpecException("this spec has a sweep section: run it with mlab sweep");
        }
        return bind(of(tree.root()), tree.root(), true);
    }

    /** Binds and checks a spec tree as a spec only (to describe it): the data files or device it needs need not be here. */
    public static Spec<?> bindSpecOnly(SpecTree tree) {
        if (tree.root().has("sweep")) {
            throw new SpecException("this spec has a sweep section: run it with mlab sweep");
        }
        return bind(of(tree.root()), tree.root(), false);
    }

    private static <S extends Record> Spec<S> bind(ExperimentKind<S> kind, ObjectNode root, boolean machine) {
        ObjectNode header = root.objectNode();
        ObjectNode body = root.objectNode();
        root.fields().forEachRemaining(e -> (Header.FIELDS.contains(e.getKey()) ? header : body).set(e.getKey(), e.getValue()));
        header.put("experiment", kind.id());
        Header h = SpecBinder.bind(header, Header.defaults(kind.id()), Header.class, "");
        kind.checkSeeds(h.seeds());
        S s = SpecBinder.bind(body, kind.defaults(), kind.specType(), "");
        Spec<S> spec = new Spec<>(kind, h, s);
        kind.check(spec);
        if (machine) {
            kind.checkMachine(spec);
        }
        return spec;
    }

    /** Every preset of every kind, in registration order. */
    public static List<String> presets() {
        List<String> out = new ArrayList<>();
        registry().values().forEach(k -> out.addAll(k.presets()));
        return out;
    }

    /** The kind that ships preset {@code name}, or null. */
    public static ExperimentKind<?> presetKind(String name) {
        return registry().values().stream().filter(k -> k.presets().contains(name)).findFirst().orElse(null);
    }

    /**
     * Runs preset {@code name} with dotted-key {@code overrides} ({@code key=value}) in memory on a pool
     * of {@code threads} threads and returns its runs (for tests and programs; nothing is written).
     */
    public static List<RunSeries> runPreset(String name, int threads, String... overrides) {
        SpecTree tree = SpecTree.preset(name);
        for (String o : overrides) {
            tree.override(o);
        }
        Spec<?> spec = bind(tree);
        try (org.momentumlab.util.ComputePool pool = new org.momentumlab.util.ComputePool(threads)) {
            return spec.runInMemory(pool);
        }
    }
}
