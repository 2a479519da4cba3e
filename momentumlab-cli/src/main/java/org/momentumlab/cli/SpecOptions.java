package org.momentumlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by mlab run and mlab sweep: overrides, seeds and the output directory. */
final class SpecOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field, e.g. --set data.mu=0.05 (repeatable); sweep.grid.KEY=[...] sets a grid axis")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "seeds: a range 0..4 or a list 0,3,7 (replaces the spec's)")
    String seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "where run and sweep directories go (default: runs)")
    Path out = Path.of("runs");
}
