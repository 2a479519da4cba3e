package org.momentumlab.experiment.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.momentumlab.experiment.Provenance;
import org.momentumlab.experiment.ResultLayout;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.train.TrainingResult;

/**
 * A run directory read back: its spec tree, layout, provenance, runs (metrics with how each ended)
 * and whether it is complete. Reports and {@code mlab diff} read directories only through this.
 */
public record RunRecord(Path dir, SpecTree spec, ResultLayout layout, Provenance provenance, List<RunSeries> runs,
                        boolean complete, String incompleteReason) {

    /** Reads a finished or incomplete run directory; anything else is a {@link SpecException} naming it. */
    public static RunRecord read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SpecException(dir + " is not a directory");
        }
        boolean incomplete = RunDirectory.isIncomplete(dir);
        if (!incomplete && !RunDirectory.isFinished(dir)) {
            throw new SpecException(dir + " is not a finished run directory (no metrics.csv and summary.json)");
        }
        if (!Files.isRegularFile(dir.resolve(RunDirectory.LAYOUT))) {
            throw new SpecException(dir + " has no layout.json (it was written by an older MomentumLab): run its spec.yaml again");
        }
        ResultLayout layout;
        try {
            layout = SpecMapper.MAPPER.readValue(dir.resolve(RunDirectory.LAYOUT).toFile(), ResultLayout.class);
        } catch (IOException e) {
            throw new SpecException("cannot read " + dir.resolve(RunDirectory.LAYOUT) + ": " + e.getMessage().split("\n")[0]);
        }
        List<RunSeries> runs = withResults(MetricsCsv.read(dir.resolve(RunDirectory.METRICS)), dir.resolve(RunDirectory.SUMMARY));
        String reason = null;
        if (incomplete) {
            try {
                reason = Files.readAllLines(dir.resolve(RunDirectory.INCOMPLETE)).get(0).replaceFirst("^incomplete: ", "");
            } catch (IOException | IndexOutOfBoundsException e) {
                reason = "unknown";
            }
        }
        SpecTree spec = SpecTree.load(dir.resolve(RunDirectory.SPEC));
        return new RunRecord(dir, spec, layout, Provenance.read(dir.resolve(RunDirectory.PROVENANCE)),
                displayNames(runs, spec.root().path("labels")), !incomplete, reason);
    }

    /** The runs with their label values replaced by the spec's display names ({@code labels: {gd: GD, ...}}), as reports show them. */
    static List<RunSeries> displayNames(List<RunSeries> runs, JsonNode names) {
        if (!names.isObject() || names.size() == 0) {
            return runs;
        }
        List<RunSeries> out = new ArrayList<>();
        Map<String, String> shown = new HashMap<>();
        for (RunSeries r : runs) {
            List<String> values = r.label().values().stream().map(v -> names.path(v).isValueNode() ? names.path(v).asText() : v).toList();
            org.momentumlab.experiment.RunLabel label = new org.momentumlab.experiment.RunLabel(r.label().fields(), values);
            String before = shown.putIfAbsent(label.id(), r.label().id());
            if (before != null && !before.equals(r.label().id())) { // two labels would become one: their runs would be pooled
                throw new SpecException("labels shows both " + before + " and " + r.label().id() + " as " + label.id()
                        + ": give each label its own display name");
            }
            out.add(new RunSeries(label, r.seed(), r.metrics(), r.result()));
        }
        return out;
    }

    /** The runs with their ends (steps, stop reason) from summary.json. */
    private static List<RunSeries> withResults(List<RunSeries> runs, Path summary) {
        Map<String, TrainingResult> ends = new HashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(summary.toFile());
            for (JsonNode r : root.path("runs")) {
                if (r.has("stop_reason")) {
                    ends.put(r.get("run").asText(), new TrainingResult(r.get("steps").asLong(),
                            TrainingResult.StopReason.valueOf(r.get("stop_reason").asText().toUpperCase(Locale.ROOT)),
                            r.get("diverged_at_step").isNull() ? -1 : r.get("diverged_at_step").asLong(), Double.NaN));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SpecException("cannot read " + summary + ": " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
        List<RunSeries> out = new ArrayList<>();
        runs.forEach(r -> out.add(new RunSeries(r.label(), r.seed(), r.metrics(), ends.get(r.id()))));
        return out;
    }
}
