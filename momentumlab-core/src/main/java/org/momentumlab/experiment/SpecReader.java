package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a spec tree by dotted key, converting and checking types, and remembers
 * which keys were read so that {@link #rejectUnknown()} can name every key nobody asked for.
 * Every error is a {@link SpecException} naming the key.
 */
final class SpecReader {
    private final ObjectNode root;
    private final Set<String> seen = new HashSet<>();
    /** Sections whose entries are free-form (read whole, not key by key). */
    private final Set<String> opaque = new HashSet<>();

    SpecReader(ObjectNode root) {
        this.root = root;
    }

    /** The node at the key, or null if absent or YAML null. */
    JsonNode node(String key) {
        JsonNode n = root;
        for (String p : key.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(p);
        }
        markSeen(key);
        return n == null || n.isNull() ? null : n;
    }

    private void markSeen(String key) {
        seen.add(key);
        int dot = key.lastIndexOf('.');
        while (dot > 0) {
            seen.add(key.substring(0, dot));
            dot = key.lastIndexOf('.', dot - 1);
        }
    }

    /** Names of the entries of the section at {@code key} (empty if absent). */
    List<String> children(String key) {
        JsonNode n = node(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            throw new SpecException(key + " must be a section (a mapping), got '" + n.asText() + "'");
        }
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    double number(String key, double dflt) {
        JsonNode n = node(key);
        if (n == null) {
            return dflt;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new SpecException(key + " must be a number, got '" + text(n) + "'");
    }

    long integer(String key, long dflt) {
        JsonNode n = node(key);
        if (n == null) {
            return dflt;
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9e15) {
            return (long) n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim().replace("_", ""));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new SpecException(key + " must be a whole number, got '" + text(n) + "'");
    }

    int intValue(String key, int dflt) {
        long v = integer(key, dflt);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new SpecException(key + " = " + v + " is too large");
        }
        return (int) v;
    }

    boolean bool(String key, boolean dflt) {
        JsonNode n = node(key);
        if (n == null) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String t = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw new SpecException(key + " must be true or false, got '" + text(n) + "'");
    }

    String text(String key, String dflt) {
        JsonNode n = node(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isValueNode()) {
            throw new SpecException(key + " must be a single value, got a " + n.getNodeType().toString().toLowerCase());
        }
        return n.asText();
    }

    /** A word from {@code choices}. */
    String word(String key, String dflt, List<String> choices) {
        String v = text(key, dflt);
        if (!choices.contains(v)) {
            throw new SpecException(key + " = '" + v + "' is not allowed: must be one of " + String.join(", ", choices));
        }
        return v;
    }

    /** The spec's {@code name}, which names run directories: letters, digits, '.', '_' or '-'. */
    String name(String dflt) {
        String name = text("name", dflt);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new SpecException("name = '" + name + "' must be letters, digits, '.', '_' or '-' (it names the run directory)");
        }
        return name;
    }

    /** A map of text values (e.g. the {@code sources} section). */
    Map<String, String> textMap(String key) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        JsonNode section = node(key);
        opaque.add(key);
        for (String k : children(key)) {
            JsonNode v = section.get(k);
            if (v != null && !v.isValueNode()) {
                throw new SpecException(key + "." + k + " must be a single line of text");
            }
            out.put(k, v == null || v.isNull() ? "" : v.asText());
        }
        return out;
    }

    /** Throws naming the first key present in the tree that was never read. */
    void rejectUnknown() {
        List<String> unknown = new ArrayList<>();
        collect(root, "", unknown);
        if (!unknown.isEmpty()) {
            String k = unknown.get(0);
            int dot = k.lastIndexOf('.');
            String section = dot < 0 ? "the top level" : k.substring(0, dot);
            throw new SpecException("unknown key '" + k + "' (not a field of " + section + "; mlab describe lists every field)");
        }
    }

    private void collect(JsonNode n, String prefix, List<String> unknown) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (!seen.contains(key)) {
                unknown.add(key);
            } else if (e.getValue().isObject() && !opaque.contains(key)) {
                collect(e.getValue(), key, unknown);
            }
        }
    }

    private static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
