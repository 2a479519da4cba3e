package org.momentumlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.spec.SeedList;

/** Turns "preset name or spec file" plus overrides and seeds into a spec tree, or a bound spec. */
final class SpecSource {
    private SpecSource() {
    }

    /** A path ending in .yaml/.yml or naming an existing file is a spec file; anything else a preset. */
    static SpecTree load(String presetOrFile) {
        Path p = Path.of(presetOrFile);
        if (presetOrFile.endsWith(".yaml") || presetOrFile.endsWith(".yml") || Files.isRegularFile(p)) {
            return SpecTree.load(p);
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
            SeedList.parse(seeds, "--seeds").forEach(arr::add);
            tree.set("seeds", arr);
        }
        return tree;
    }

    static Spec<?> bind(String presetOrFile, List<String> overrides, String seeds) {
        return ExperimentKinds.bind(tree(presetOrFile, overrides, seeds));
    }
}
