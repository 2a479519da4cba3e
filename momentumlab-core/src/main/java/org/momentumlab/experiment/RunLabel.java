package org.momentumlab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * What tells the runs of an experiment apart, besides the seed: named fields with values, e.g.
 * {@code optimizer = gdm}, or {@code objective = toy, beta = 0.5, flow = O(h), start = naive}. The
 * runs of one label over several seeds are aggregated together. Values are plain text without
 * commas, quotes or line breaks (they are cells of metrics.csv).
 */
public record RunLabel(List<String> fields, List<String> values) {

    public RunLabel {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
        if (fields.isEmpty() || fields.size() != values.size()) {
            throw new IllegalArgumentException("a run label needs as many values as fields, got " + fields + " = " + values);
        }
        for (String v : values) {
            if (v.isEmpty() || v.matches(".*[,\"\\n\\r].*")) {
                throw new IllegalArgumentException("run label value '" + v + "' must be non-empty text without commas, quotes or line breaks");
            }
        }
    }

    /** A one-field label. */
    public static RunLabel of(String field, String value) {
        return new RunLabel(List.of(field), List.of(value));
    }

    /** A label from alternating field names and values: {@code of("objective", "toy", "beta", "0.5")}. */
    public static RunLabel of(String... fieldValuePairs) {
        List<String> f = new ArrayList<>();
        List<String> v = new ArrayList<>();
        for (int i = 0; i + 1 < fieldValuePairs.length; i += 2) {
            f.add(fieldValuePairs[i]);
            v.add(fieldValuePairs[i + 1]);
        }
        return new RunLabel(f, v);
    }

    /** The value of {@code field}, or null. */
    public String get(String field) {
        int i = fields.indexOf(field);
        return i < 0 ? null : values.get(i);
    }

    /** The id of the label in files: the values joined by '/', e.g. {@code gdm} or {@code toy/0.5/O(h)/naive}. */
    public String id() {
        return String.join("/", values);
    }

    /**
     * For people, leaving out the fields {@code except}: the values joined by ", ", a number shown
     * with its field ({@code beta=0.5}) unless it is the label's only field.
     */
    public String display(List<String> except) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!except.contains(fields.get(i))) {
                String v = values.get(i);
                parts.add(fields.size() > 1 && v.matches("-?[0-9.eE+-]+") ? fields.get(i) + "=" + v : v);
            }
        }
        return parts.isEmpty() ? id() : String.join(", ", parts);
    }

    @Override
    public String toString() {
        return id();
    }
}
