package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.spec.ClaimList;
import org.momentumlab.experiment.spec.SeedList;
import org.momentumlab.util.Doc;

/**
 * The fields every spec has, whatever its kind: the kind, a name (prefix of run directories), a
 * one-line description, the root seeds, display names of labels, the papers' claims the spec checks
 * ({@link Claim}) and the sources of the choices (key → text, shown by {@code mlab describe}).
 */
public record Header(
        @Doc("experiment kind (mlab list shows the kinds of the presets)") String experiment,
        @Doc("name of the experiment (prefix of the run directory)") String name,
        @Doc("one line shown by mlab list and mlab run") String description,
        @Doc("root seeds; each run draws its data and initialization from its seed (a list, or a range like 0..4)")
        @JsonDeserialize(using = SeedList.Reader.class) List<Long> seeds,
        @Doc("where each choice comes from: dotted key -> text") Map<String, String> sources,
        @Doc("display names of label values (optimizer keys) in figures, pages and tables: key -> name, e.g. {gd: GD, gdm: GD+M}")
        Map<String, String> labels,
        @Doc("the papers' claims this spec checks: name, source, statement, published, check (see README, Claims as data)")
        @JsonDeserialize(using = ClaimList.Reader.class) List<Claim> claims,
        @Doc("when mlab reproduce runs this preset: always (with and without --quick), quick (only with --quick), full (only without), "
                + "gpu (only with --gpu), or never (the default)") String reproduce) {

    /** The names of the header fields, in spec order. */
    public static final List<String> FIELDS = List.of("experiment", "name", "description", "seeds", "labels", "claims", "reproduce", "sources");

    /** The values of {@code reproduce}. */
    public static final List<String> REPRODUCE = List.of("always", "quick", "full", "gpu", "never");

    /** The header without claims. */
    public Header(String experiment, String name, String description, List<Long> seeds, Map<String, String> sources, Map<String, String> labels) {
        this(experiment, name, description, seeds, sources, labels, List.of(), "never");
    }

    public Header {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("name = '" + name + "' must be letters, digits, '.', '_' or '-' (it names the run directory)");
        }
        seeds = List.copyOf(seeds);
        claims = claims == null ? List.of() : List.copyOf(claims);
        reproduce = reproduce == null ? "never" : reproduce;
        if (!REPRODUCE.contains(reproduce)) {
            throw new IllegalArgumentException("reproduce = '" + reproduce + "' is not allowed: must be one of " + String.join(", ", REPRODUCE));
        }
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
        if (new java.util.HashSet<>(labels.values()).size() < labels.size()) {
            throw new IllegalArgumentException("labels = " + labels + ": two keys have the same display name");
        }
        for (var e : labels.entrySet()) {
            if (labels.containsKey(e.getValue()) && !e.getValue().equals(e.getKey())) {
                throw new IllegalArgumentException("labels." + e.getKey() + " = '" + e.getValue() + "' is another key of labels: give each label its own display name");
            }
        }
        for (var e : labels.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank() || e.getValue().matches("(?s).*[,\"\n\r].*")) {
                throw new IllegalArgumentException("labels." + e.getKey() + " = '" + e.getValue()
                        + "': a display name is non-empty text without commas, quotes or line breaks");
            }
        }
    }

    /** The defaults of a kind: named after it, no description, seed 0, no sources, label values shown as they are. */
    public static Header defaults(String kind) {
        return new Header(kind, kind, "", List.of(0L), Map.of(), Map.of());
    }
}
