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

    /** The fields every experiment kind has: experiment, name, description and (if {@code seeds} is not null) seeds. */
    public static List<Param> header(String kind, String defaultName, String seeds) {
        List<Param> out = new java.util.ArrayList<>(List.of(
                new Param("experiment", Kind.WORD, kind, "experiment kind", List.of(kind)),
                new Param("name", Kind.TEXT, defaultName, "name of the experiment (prefix of the run directory)"),
                new Param("description", Kind.TEXT, "", "one line shown by mlab list")));
        if (seeds != null) {
            out.add(new Param("seeds", Kind.SEEDS, List.of(0L), seeds));
        }
        return out;
    }

    /** {@code header} followed by {@code rest}, unmodifiable. */
    public static List<Param> list(List<Param> header, Param... rest) {
        List<Param> out = new java.util.ArrayList<>(header);
        out.addAll(List.of(rest));
        return List.copyOf(out);
    }
}
