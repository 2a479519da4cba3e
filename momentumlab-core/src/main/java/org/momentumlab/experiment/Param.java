package org.momentumlab.experiment;

import java.util.List;

/**
 * One documented spec field: its dotted key, value kind, default and meaning. {@code choices} lists
 * the allowed words of a {@link Kind#WORD} field.
 */
public record Param(String key, Kind kind, Object defaultValue, String meaning, List<String> choices) {

    public enum Kind { INT, LONG, NUMBER, BOOL, WORD, TEXT, SEEDS }

    public Param(String key, Kind kind, Object defaultValue, String meaning) {
        this(key, kind, defaultValue, meaning, List.of());
    }

    /** The last component of the key. */
    public String field() {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
