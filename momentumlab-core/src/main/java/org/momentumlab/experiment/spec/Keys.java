package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Dotted spec keys ({@code optimizers.gdm.gamma}, {@code betas[1]}) from Jackson's parse positions. */
public final class Keys {
    private Keys() {
    }

    /** The key of the value the parser has just read (call after reading the value). */
    public static String current(JsonParser p) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return join(List.copyOf(parts), Prefix.get());
    }

    /** The key named by an exception's path. */
    public static String of(JsonMappingException e) {
        List<String> parts = new java.util.ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return join(parts, Prefix.get());
    }

    /** Joins parts with '.', array indices attached without a dot; {@code prefix} (may be empty) first. */
    public static String join(List<String> parts, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (String s : parts) {
            if (!s.startsWith("[") && b.length() > 0) {
                b.append('.');
            }
            b.append(s);
        }
        return b.toString();
    }

    /** A key prefix for values bound out of a sub-tree (thread-local while a binding runs). */
    static final class Prefix {
        private static final ThreadLocal<String> PREFIX = ThreadLocal.withInitial(() -> "");

        private Prefix() {
        }

        static String get() {
            return PREFIX.get();
        }

        static String set(String p) {
            String old = PREFIX.get();
            PREFIX.set(p);
            return old;
        }
    }
}
