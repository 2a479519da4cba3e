package org.momentumlab.experiment.rundir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.probe.MetricTable;
import org.momentumlab.train.TrainingResult;

/**
 * metrics.jsonl: the metrics of a running invocation, one JSON line per probe row as it is measured
 * (flushed at once) and one line per finished run. A line cut short by a crash is skipped when read.
 * Non-finite numbers are {@code null} (NaN) or {@code "inf"} / {@code "-inf"}.
 */
public final class MetricJournal implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    public MetricJournal(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Appends rows {@code [from, to)} of a run's table and flushes. */
    public void rows(RunLabel label, long seed, MetricTable t, int from, int to) throws IOException {
        for (int row = from; row < to; row++) {
            ObjectNode n = head(label, seed);
            n.put("step", t.step(row));
            ObjectNode m = n.putObject("metrics");
            for (String k : t.metrics()) {
                double v = t.get(k, row);
                if (Double.isFinite(v)) {
                    m.put(k, v);
                } else if (Double.isInfinite(v)) {
                    m.put(k, v > 0 ? "inf" : "-inf");
                }
            }
            out.write(JSON.writeValueAsString(n));
            out.write('\n');
        }
        out.flush();
    }

    /** Appends how a run ended and flushes. */
    public void finished(RunSeries run) throws IOException {
        ObjectNode n = head(run.label(), run.seed());
        ObjectNode end = n.putObject("end");
        TrainingResult r = run.result();
        end.put("steps", r.steps());
        end.put("stop_reason", r.reason().name().toLowerCase(Locale.ROOT));
        end.put("diverged_at_step", r.divergedAtStep());
        if (Double.isFinite(r.finalLoss())) {
            end.put("final_loss", r.finalLoss());
        }
        out.write(JSON.writeValueAsString(n));
        out.write('\n');
        out.flush();
    }

    private static ObjectNode head(RunLabel label, long seed) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run", RunSeries.id(label, seed));
        ObjectNode l = n.putObject("label");
        for (int i = 0; i < label.fields().size(); i++) {
            l.put(label.fields().get(i), label.values().get(i));
        }
        n.put("seed", seed);
        return n;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Reads a journal back: every run with the rows it has; {@code result} is null for a run that did not finish. */
    public static List<RunSeries> read(Path file) throws IOException {
        Map<String, RunSeries> runs = new LinkedHashMap<>();
        Map<String, TrainingResult> ends = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line cut short by the interruption
            }
            if (n == null || !n.has("run") || !n.has("label")) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            List<String> values = new ArrayList<>();
            n.get("label").fields().forEachRemaining(e -> {
                fields.add(e.getKey());
                values.add(e.getValue().asText());
            });
            RunSeries r = runs.computeIfAbsent(n.get("run").asText(),
                    k -> new RunSeries(new RunLabel(fields, values), n.get("seed").asLong(), new MetricTable(), null));
            if (n.has("end")) {
                JsonNode e = n.get("end");
                ends.put(r.id(), new TrainingResult(e.get("steps").asLong(),
                        TrainingResult.StopReason.valueOf(e.get("stop_reason").asText().toUpperCase(Locale.ROOT)),
                        e.get("diverged_at_step").asLong(), e.has("final_loss") ? e.get("final_loss").asDouble() : Double.NaN));
            } else if (n.has("step")) {
                r.metrics().startRow(n.get("step").asLong());
                n.get("metrics").fields().forEachRemaining(e -> r.metrics().put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().doubleValue() : MetricsCsv.parse(e.getValue().asText())));
            }
        }
        List<RunSeries> out = new ArrayList<>();
        runs.values().forEach(r -> out.add(new RunSeries(r.label(), r.seed(), r.metrics(), ends.get(r.id()))));
        return out;
    }
}
