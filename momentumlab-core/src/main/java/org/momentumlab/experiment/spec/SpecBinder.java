package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.SpecException;

/**
 * Binds a spec tree to a record: completes the tree with the defaults (written once, as a default
 * instance of the record), refuses unknown keys, then lets Jackson build the records, whose compact
 * constructors validate. Every failure becomes one {@link SpecException} naming the dotted key, the
 * bad value and what is allowed.
 *
 * <p>Completion descends into record-typed fields (a missing or null field takes the default's value);
 * a map of records requires every field of each entry (no defaults apply to entries a user names);
 * lists, maps and fields whose type has a deserializer of its own are replaced as a whole.
 * Validation messages thrown by a record's constructor name fields relative to that record
 * ({@code mu = 2.0 is out of range ...}); the binder prefixes the record's key ({@code data.}).
 */
public final class SpecBinder {
    private SpecBinder() {
    }

    /** Binds {@code given} (not modified) over {@code defaults} (may be null: every field required) to {@code type}. */
    public static <T> T bind(JsonNode given, T defaults, Class<T> type, String prefix) {
        JsonNode dflt = defaults == null ? null : SpecMapper.MAPPER.valueToTree(defaults);
        JsonNode complete = complete(given, dflt, type, prefix);
        return read(complete, type, prefix);
    }

    /** Binds a completed tree with Jackson, translating its failures. */
    public static <T> T read(JsonNode complete, Class<T> type, String prefix) {
        String old = Keys.Prefix.set(prefix);
        try {
            return SpecMapper.MAPPER.treeToValue(complete, type);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new SpecException("cannot read the spec: " + e.getMessage(), e);
        } finally {
            Keys.Prefix.set(old);
        }
    }

    /** The tree with defaults filled in and unknown keys refused; {@code key} is where it sits. */
    public static JsonNode complete(JsonNode given, JsonNode defaults, Type type, String key) {
        Class<?> raw = raw(type);
        if (given == null || given.isNull() || given.isMissingNode()) {
            if (defaults == null || defaults.isNull()) {
                throw new SpecException((key.isEmpty() ? "the spec" : key) + " is missing");
            }
            return defaults;
        }
        if (raw.isRecord() && !ownFormat(raw)) {
            if (!given.isObject()) {
                throw new SpecException(key + " must be a section (a mapping of fields), got " + SpecMapper.shown(given));
            }
            ObjectNode out = SpecMapper.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                String n = name(c);
                names.add(n);
                JsonNode g = given.get(n);
                JsonNode d = defaults == null ? null : defaults.get(n);
                String k = key.isEmpty() ? n : key + "." + n;
                if ((g == null || g.isNull()) && d == null) {
                    throw new SpecException(k + " is missing" + (c.isAnnotationPresent(org.momentumlab.util.Doc.class)
                            ? ": " + c.getAnnotation(org.momentumlab.util.Doc.class).value() : ""));
                }
                out.set(n, ownFormat(c) ? (g == null || g.isNull() ? d : g) : complete(g, d, c.getGenericType(), k));
            }
            rejectUnknown(given, names, key);
            return out;
        }
        if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
            Type valueType = pt.getActualTypeArguments()[1];
            Class<?> v = raw(valueType);
            if (v.isRecord() && !ownFormat(v) && given.isObject()) {
                ObjectNode out = SpecMapper.MAPPER.createObjectNode();
                given.fields().forEachRemaining(e -> out.set(e.getKey(), complete(e.getValue(), null, valueType,
                        key.isEmpty() ? e.getKey() : key + "." + e.getKey())));
                return out;
            }
        }
        return given;
    }

    private static void rejectUnknown(JsonNode given, List<String> names, String key) {
        Iterator<String> it = given.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!names.contains(f)) {
                throw unknown(key.isEmpty() ? f : key + "." + f, names);
            }
        }
    }

    /** The message for a key that is not a field: {@code unknown key 'data.muu' (not a field of data; ...)}. */
    public static SpecException unknown(String fullKey, Collection<String> known) {
        int dot = fullKey.lastIndexOf('.');
        String section = dot < 0 ? "the top level" : fullKey.substring(0, dot);
        return new SpecException("unknown key '" + fullKey + "' (not a field of " + section + "; mlab describe lists every field)");
    }

    /** Whether the type (or the component) is read by a deserializer of its own (then it is completed by that). */
    static boolean ownFormat(Class<?> type) {
        JsonDeserialize d = type.getAnnotation(JsonDeserialize.class);
        return d != null && d.using() != JsonDeserializer.None.class;
    }

    static boolean ownFormat(RecordComponent c) {
        // JsonDeserialize cannot target record components: it lands on the accessor (and field)
        JsonDeserialize d = c.getAccessor().getAnnotation(JsonDeserialize.class);
        return (d != null && d.using() != JsonDeserializer.None.class) || ownFormat(c.getType());
    }

    /** The spec name of a record component (snake_case). */
    public static String name(RecordComponent c) {
        return SNAKE.translate(c.getName());
    }

    private static final com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase SNAKE =
            (com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase) com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE;

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** One line naming the key and the problem, from whatever Jackson threw. */
    static SpecException translate(JsonMappingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SpecException s) {
                return s;
            }
        }
        String key = Keys.of(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return unknown(key, List.of());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException iae) {
            String msg = iae.getMessage();
            return new SpecException(key.isEmpty() ? msg : key + "." + msg, iae);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            String what = t.isRecord() || Map.class.isAssignableFrom(t) ? "a section (a mapping of fields)"
                    : Collection.class.isAssignableFrom(t) || t.isArray() ? "a list" : "a single value";
            return new SpecException((key.isEmpty() ? "the spec" : key) + " must be " + what);
        }
        return new SpecException((key.isEmpty() ? "the spec" : key) + " has the wrong form (mlab describe shows every field)", e);
    }
}
