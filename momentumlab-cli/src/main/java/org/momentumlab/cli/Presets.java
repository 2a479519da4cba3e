package org.momentumlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.momentumlab.experiment.SpecTree;

/** The presets shipped in {@code /presets/} (listed in {@code /presets/index.txt}). */
final class Presets {
    private Presets() {
    }

    static List<String> names() {
        try (InputStream in = Presets.class.getResourceAsStream("/presets/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The preset's one-line description. */
    static String description(String name) {
        return Kinds.base(SpecTree.preset(name)).description();
    }
}
