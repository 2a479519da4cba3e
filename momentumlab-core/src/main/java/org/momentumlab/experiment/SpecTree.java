package org.momentumlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A spec as a YAML tree, before it is checked and typed: loading from a file or a preset, and
 * dotted-key overrides ({@code data.mu=0.05}). Values given on the command line are read as YAML
 * scalars or flow collections ({@code 0.05}, {@code true}, {@code [0, 1]}).
 */
public final class SpecTree {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final ObjectNode root;

    public SpecTree(ObjectNode root) {
        this.root = root;
    }

    public ObjectNode root() {
        return root;
    }

    /** Parses a YAML spec file; a missing, unreadable or malformed file is a {@link SpecException}. */
    public static SpecTree load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new SpecException("cannot read spec file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code origin} names it in error messages. */
    public static SpecTree parse(String text, String origin) {
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().split("\n")[0];
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new SpecException("malformed YAML in " + origin + (line > 0 ? " at line " + line : "") + ": " + msg);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new SpecException("spec " + origin + " is empty");
        }
        if (!node.isObject()) {
            throw new SpecException("spec " + origin + " must be a YAML mapping of sections (data, model, ...), got " + (node.isArray() ? "a list" : "a single value"));
        }
        return new SpecTree((ObjectNode) node);
    }

    /**
     * A spec's YAML without the fields no run depends on: its {@code claims} (checked after the runs) and
     * when {@code mlab reproduce} runs it ({@code reproduce}); two specs equal this way make the same runs.
     */
    public static String withoutChecks(String yaml, String origin) {
        SpecTree t = parse(yaml, origin);
        t.root().remove("claims");
        t.root().remove("reproduce");
        return t.toYaml();
    }

    /** Loads the preset {@code name} (shipped by a kind as {@code /presets/NAME.yaml} next to its class). */
    public static SpecTree preset(String name) {
        ExperimentKind<?> kind = ExperimentKinds.presetKind(name);
        if (kind == null) {
            throw new SpecException("unknown preset '" + name + "' (presets: " + String.join(", ", ExperimentKinds.presets())
                    + "; or give a spec file ending in .yaml)");
        }
        try (InputStream in = kind.getClass().getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("kind " + kind.id() + " lists preset " + name + " but ships no /presets/" + name + ".yaml");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "preset " + name);
        } catch (IOException e) {
            throw new SpecException("cannot read preset " + name + ": " + e.getMessage());
        }
    }

    /**
     * Applies {@code key=value}: sets the value at the dotted key, creating sections as needed.
     * Whether the key exists is checked later, when the tree is typed.
     */
    public void override(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("override '" + assignment + "' must have the form key=value, e.g. data.mu=0.05");
        }
        String key = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        String[] parts = key.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new SpecException("override key '" + key + "' has an empty component");
            }
        }
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new SpecException("override " + key + ": cannot read value '" + raw + "': " + e.getOriginalMessage().split("\n")[0]);
        }
        if (value == null || value.isMissingNode()) {
            value = JsonNodeFactory.instance.textNode(raw);
        }
        set(key, value);
    }

    /** Sets the value at a dotted key, creating sections as needed. */
    public void set(String key, JsonNode value) {
        String[] parts = key.split("\\.", -1);
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new SpecException("override " + key + ": " + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " is a value, not a section");
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** The tree as YAML text. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
