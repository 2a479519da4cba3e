package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.momentumlab.experiment.spec.SpecMapper;

/**
 * A bound, validated spec: its kind, the header every kind has, and the kind's own record.
 *
 * @param <S> the kind's spec record
 */
public record Spec<S extends Record>(ExperimentKind<S> kind, Header header, S body) {

    public String name() {
        return header.name();
    }

    public String description() {
        return header.description();
    }

    public List<Long> seeds() {
        return header.seeds();
    }

    public RunPlan plan() {
        return kind.plan(this);
    }

    public ResultLayout layout() {
        return kind.layout(this);
    }

    public void run(RunContext context) {
        kind.run(this, context);
    }

    /** Runs every run in memory (no run directory, no progress); for tests and library use. */
    public List<RunSeries> runInMemory(org.momentumlab.util.ComputePool pool) {
        RunContext context = new RunContext(pool, plan().runs(), ExperimentListener.NONE, MetricSink.NONE);
        run(context);
        return context.runs();
    }

    /** The fully resolved tree: every field written, header first and sources last; it binds back to an equal spec. */
    public ObjectNode resolved() {
        ObjectNode h = SpecMapper.MAPPER.valueToTree(header);
        ObjectNode b = SpecMapper.MAPPER.valueToTree(body);
        ObjectNode out = SpecMapper.MAPPER.createObjectNode();
        for (String f : List.of("experiment", "name", "description", "seeds")) {
            out.set(f, h.get(f));
        }
        JsonNode labels = h.get("labels");
        if (labels != null && labels.size() > 0) {
            out.set("labels", labels);
        }
        if (!header.claims().isEmpty()) {
            out.set("claims", org.momentumlab.experiment.spec.ClaimList.toTree(header.claims()));
        }
        if (!header.reproduce().equals("never")) {
            out.put("reproduce", header.reproduce());
        }
        out.setAll(b);
        JsonNode sources = h.get("sources");
        if (sources != null && sources.size() > 0) {
            out.set("sources", sources);
        }
        return out;
    }

    /** The resolved spec as YAML (what spec.yaml holds). */
    public String toYaml() {
        return new SpecTree(resolved()).toYaml();
    }
}
