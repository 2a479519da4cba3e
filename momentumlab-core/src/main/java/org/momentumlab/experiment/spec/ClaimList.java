package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.momentumlab.experiment.Claim;
import org.momentumlab.experiment.SpecException;

/** The {@code claims} header field: a list of claims, each with its check (see {@link Claim}). */
public final class ClaimList {
    private ClaimList() {
    }

    static final List<String> CLAIM_FIELDS = List.of("name", "source", "statement", "published", "check");
    static final List<String> CHECK_FIELDS = List.of("type", "metric", "a", "b", "labels", "axis", "at_least", "at_most", "low", "high",
            "direction", "stat", "x", "y", "sign", "where", "best", "best_by", "against", "each");

    /** The claims of {@code n} (an array), {@code key} naming it in messages. */
    public static List<Claim> read(JsonNode n, String key) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new SpecException(key + " must be a list of claims (name, source, statement, published, check), got " + SpecMapper.shown(n));
        }
        List<Claim> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String k = key + "[" + i + "]";
            JsonNode c = n.get(i);
            fields(c, k, CLAIM_FIELDS);
            String name = text(c, "name", k, true);
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new SpecException(k + ".name = '" + name + "' must be letters, digits, '-' or '_'");
            }
            if (!names.add(name)) {
                throw new SpecException(k + ".name = '" + name + "' names another claim too: give each claim its own name");
            }
            JsonNode ch = c.get("check");
            String ck = k + ".check";
            if (ch == null || ch.isNull()) {
                throw new SpecException(ck + " is missing: the check that decides whether the claim holds");
            }
            fields(ch, ck, CHECK_FIELDS);
            Claim.Check check;
            try {
                String type = text(ch, "type", ck, true);
                Claim.Type t;
                try {
                    t = Claim.Type.valueOf(type.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new SpecException(ck + ".type = '" + type + "' is not a check: give difference, value, inside, trend or correlation");
                }
                check = new Claim.Check(t, text(ch, "metric", ck, false), text(ch, "a", ck, false), text(ch, "b", ck, false),
                        list(ch, "labels", ck), text(ch, "axis", ck, false), number(ch, "at_least", ck), number(ch, "at_most", ck),
                        text(ch, "low", ck, false), text(ch, "high", ck, false), text(ch, "direction", ck, false), text(ch, "stat", ck, false),
                        text(ch, "x", ck, false), text(ch, "y", ck, false), text(ch, "sign", ck, false), map(ch, "where", ck),
                        list(ch, "best", ck), text(ch, "best_by", ck, false), map(ch, "against", ck), list(ch, "each", ck));
            } catch (IllegalArgumentException e) {
                throw new SpecException(ck + ": " + e.getMessage());
            }
            out.add(new Claim(name, text(c, "source", k, true), text(c, "statement", k, true), text(c, "published", k, false), check));
        }
        return List.copyOf(out);
    }

    /** The claims as a spec tree (what {@link #read} reads back to equal claims): the fields a check uses, its type in lower case. */
    public static com.fasterxml.jackson.databind.node.ArrayNode toTree(List<Claim> claims) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var out = f.arrayNode();
        for (Claim c : claims) {
            var o = out.addObject();
            o.put("name", c.name());
            o.put("source", c.source());
            o.put("statement", c.statement());
            if (!c.published().isEmpty()) {
                o.put("published", c.published());
            }
            Claim.Check k = c.check();
            var ch = o.putObject("check");
            ch.put("type", k.type().name().toLowerCase(Locale.ROOT));
            putText(ch, "metric", k.metric());
            putText(ch, "a", k.a());
            putText(ch, "b", k.b());
            if (!k.labels().isEmpty()) {
                var l = ch.putArray("labels");
                k.labels().forEach(l::add);
            }
            putText(ch, "axis", k.axis());
            if (k.atLeast() != null) {
                ch.put("at_least", k.atLeast());
            }
            if (k.atMost() != null) {
                ch.put("at_most", k.atMost());
            }
            putText(ch, "low", k.low());
            putText(ch, "high", k.high());
            putText(ch, "direction", k.direction());
            if (k.type() == Claim.Type.TREND || !k.stat().equals("mean")) {
                ch.put("stat", k.stat());
            }
            putText(ch, "x", k.x());
            putText(ch, "y", k.y());
            putText(ch, "sign", k.sign());
            if (!k.where().isEmpty()) {
                var w = ch.putObject("where");
                k.where().forEach(w::put);
            }
            if (!k.best().isEmpty()) {
                var b = ch.putArray("best");
                k.best().forEach(b::add);
                if (!k.bestBy().equals(k.metric())) {
                    ch.put("best_by", k.bestBy());
                }
            }
            if (!k.against().isEmpty()) {
                var w = ch.putObject("against");
                k.against().forEach(w::put);
            }
            if (!k.each().isEmpty()) {
                var e = ch.putArray("each");
                k.each().forEach(e::add);
            }
        }
        return out;
    }

    private static void putText(com.fasterxml.jackson.databind.node.ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void fields(JsonNode n, String key, List<String> known) {
        if (!n.isObject()) {
            throw new SpecException(key + " must be a section (a mapping of fields), got " + SpecMapper.shown(n));
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new SpecException("unknown key '" + key + "." + f + "' (not a field of " + key + "; it has: " + String.join(", ", known) + ")");
            }
        });
    }

    private static String text(JsonNode n, String field, String key, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new SpecException(key + "." + field + " is missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new SpecException(key + "." + field + " must be text, got " + SpecMapper.shown(v));
        }
        return v.asText();
    }

    private static Double number(JsonNode n, String field, String key) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new SpecException(key + "." + field + " must be a number, got " + SpecMapper.shown(v));
        }
        return v.doubleValue();
    }

    private static List<String> list(JsonNode n, String field, String key) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isValueNode()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw new SpecException(key + "." + field + " must be a list, got " + SpecMapper.shown(v));
        }
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                throw new SpecException(key + "." + field + " must be a list of names, got " + SpecMapper.shown(v));
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Map<String, String> map(JsonNode n, String field, String key) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new SpecException(key + "." + field + " must map grid axes to values, e.g. {teacher.arch: linear}, got " + SpecMapper.shown(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new SpecException(key + "." + field + "." + e.getKey() + " must be one value, got " + SpecMapper.shown(e.getValue()));
            }
            // as a sweep's rows write grid values (a double in its shortest form: 0.0 → 0)
            JsonNode x = e.getValue();
            out.put(e.getKey(), x.isDouble() ? org.momentumlab.experiment.Num.format(x.doubleValue()) : x.asText());
        });
        return out;
    }

    /** Reads the {@code claims} field. */
    public static final class Reader extends StdDeserializer<List<Claim>> {
        private static final long serialVersionUID = 1L;

        public Reader() {
            super(List.class);
        }

        @Override
        public List<Claim> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            return read(n, Keys.current(p));
        }
    }
}
