package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.momentumlab.experiment.SpecException;

/** Seeds as written in specs and on the command line: a list {@code [0, 3]}, a range {@code 0..4}, {@code 0,3,7} or one number. */
public final class SeedList {
    private SeedList() {
    }

    /** Parses "0..4" (inclusive range), "0,3,7" or "5"; {@code what} names the key or flag in messages. */
    public static List<Long> parse(String text, String what) {
        String t = text.trim();
        List<Long> out = new ArrayList<>();
        try {
            int dots = t.indexOf("..");
            if (dots >= 0) {
                long a = Long.parseLong(t.substring(0, dots).trim());
                long b = Long.parseLong(t.substring(dots + 2).trim());
                if (b < a || b - a > 100_000) {
                    throw new SpecException(what + " = '" + text + "' must be a range lo..hi with lo <= hi");
                }
                for (long s = a; s <= b; s++) {
                    out.add(s);
                }
            } else {
                for (String p : t.split(",")) {
                    out.add(Long.parseLong(p.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new SpecException(what + " = '" + text + "' must be a range like 0..4 or a list like 0,3,7");
        }
        return checked(out, what, text);
    }

    static List<Long> checked(List<Long> seeds, String what, String text) {
        if (seeds.isEmpty()) {
            throw new SpecException(what + " is empty: give at least one seed");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new SpecException(what + " = '" + text + "' repeats a seed");
        }
        return List.copyOf(seeds);
    }

    /** Reads the {@code seeds} field. */
    public static final class Reader extends StdDeserializer<List<Long>> {
        private static final long serialVersionUID = 1L;

        public Reader() {
            super(List.class);
        }

        @Override
        public List<Long> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            String key = Keys.current(p);
            if (n.isArray()) {
                List<Long> out = new ArrayList<>();
                for (int i = 0; i < n.size(); i++) {
                    Long v = n.get(i).isIntegralNumber() && n.get(i).canConvertToLong() ? n.get(i).longValue() : null;
                    if (v == null) {
                        throw new SpecException(key + "[" + i + "] must be a whole number, got " + SpecMapper.shown(n.get(i)));
                    }
                    out.add(v);
                }
                return checked(out, key, n.toString());
            }
            if (n.isIntegralNumber()) {
                return List.of(n.longValue());
            }
            if (n.isTextual()) {
                return parse(n.asText(), key);
            }
            throw new SpecException(key + " must be a list of whole numbers or a range like 0..4, got " + SpecMapper.shown(n));
        }
    }
}
