package org.momentumlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.momentumlab.experiment.PatchSpecCodec;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;

/** Turns "preset name or spec file" plus overrides into a typed spec. */
final class SpecSource {
    private SpecSource() {
    }

    /** A path ending in .yaml/.yml or naming an existing file is a spec file; anything else a preset. */
    static SpecTree load(String presetOrFile) {
        Path p = Path.of(presetOrFile);
        if (presetOrFile.endsWith(".yaml") || presetOrFile.endsWith(".yml") || Files.isRegularFile(p)) {
            return SpecTree.load(p);
        }
        if (!Presets.names().contains(presetOrFile)) {
            throw new SpecException("unknown preset '" + presetOrFile + "' (presets: " + String.join(", ", Presets.names())
                    + "; or give a spec file ending in .yaml)");
        }
        return SpecTree.preset(presetOrFile);
    }

    /** The spec tree with overrides applied and, if given, the seeds replaced. */
    static SpecTree tree(String presetOrFile, List<String> overrides, String seeds) {
        SpecTree tree = load(presetOrFile);
        for (String o : overrides) {
            tree.override(o);
        }
        if (seeds != null) {
            var arr = tree.root().arrayNode();
            PatchSpecCodec.parseSeeds(seeds, "--seeds").forEach(arr::add);
            tree.set("seeds", arr);
        }
        return tree;
    }

    static Kinds.Experiment resolve(String presetOrFile, List<String> overrides, String seeds) {
        return Kinds.decode(tree(presetOrFile, overrides, seeds));
    }
}
