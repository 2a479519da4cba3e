package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.momentumlab.util.Doc;

/** The meanings of a bound spec's fields, read from the {@link Doc} annotations of its records. */
public final class SpecDocs {
    private SpecDocs() {
    }

    /** Dotted key → meaning, for every documented field of {@code value} (a record, a map of records, a {@link Flattened}). */
    public static Map<String, String> meanings(Object value, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(value, prefix, out);
        return out;
    }

    private static void collect(Object v, String prefix, Map<String, String> out) {
        if (v instanceof Flattened f) {
            f.extraDocs().forEach((k, d) -> out.put(join(prefix, k), d));
            for (Record part : f.parts()) {
                collect(part, prefix, out);
            }
        } else if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                String k = join(prefix, SpecBinder.name(c));
                Doc d = c.getAnnotation(Doc.class);
                if (d != null) {
                    out.put(k, d.value());
                }
                try {
                    collect(c.getAccessor().invoke(r), k, out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> collect(x, join(prefix, String.valueOf(k)), out));
        }
    }

    private static String join(String prefix, String k) {
        return prefix.isEmpty() ? k : prefix + "." + k;
    }

    /** Visits every leaf (a value, or a list of values) of a tree as (dotted key, value node). */
    public static void leaves(JsonNode n, String prefix, java.util.function.BiConsumer<String, JsonNode> sink) {
        n.fields().forEachRemaining(e -> {
            String key = join(prefix, e.getKey());
            if (e.getValue().isObject() && e.getValue().size() > 0) {
                leaves(e.getValue(), key, sink);
            } else {
                sink.accept(key, e.getValue());
            }
        });
    }
}
