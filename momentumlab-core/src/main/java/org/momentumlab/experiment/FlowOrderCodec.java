package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.momentumlab.util.Check;

/** Reads and writes {@link FlowOrderSpec}s (kind {@code flow-order}). */
public final class FlowOrderCodec {
    private FlowOrderCodec() {
    }

    public static final String KIND = "flow-order";

    public static final List<Param> PARAMS = Param.list(Param.header(KIND, "flow-order", "seed of the cubic_cnn data and start"),
            new Param("betas", Param.Kind.TEXT, "[0, 0.5, 0.9]", "heavy-ball betas"),
            new Param("halvings", Param.Kind.INT, 4, "step sizes h0 (1 - beta)^2 / 2^i, i = 0..halvings"),
            new Param("burn_in", Param.Kind.NUMBER, 0.5, "errors are measured on t in [burn_in T, T] (heavy ball's start-up is O(h) off any flow)"),
            new Param("objectives.*", Param.Kind.NUMBER, "", "per objective (toy, cubic_cnn): horizon T and largest step h0"));

    public static FlowOrderSpec decode(SpecTree tree) {
        SpecReader r = new SpecReader(tree.root());
        r.word("experiment", KIND, List.of(KIND));
        String name = r.name("flow-order");
        String description = r.text("description", "");
        List<Long> seeds = PatchSpecCodec.seeds(r);
        if (!seeds.equals(List.of(0L))) {
            throw new SpecException("seeds = " + seeds + " is not allowed: flow-order uses seed 0 only");
        }
        List<Double> betas = new ArrayList<>();
        JsonNode b = r.node("betas");
        if (b == null) {
            betas.addAll(List.of(0.0, 0.5, 0.9));
        } else if (!b.isArray()) {
            throw new SpecException("betas must be a list like [0, 0.5, 0.9]");
        } else {
            for (int i = 0; i < b.size(); i++) {
                if (!b.get(i).isNumber()) {
                    throw new SpecException("betas[" + i + "] must be a number, got '" + b.get(i).asText() + "'");
                }
                betas.add(b.get(i).doubleValue());
            }
        }
        try {
            int halvings = r.intValue("halvings", 4);
            double burnIn = r.number("burn_in", 0.5);
            Map<String, double[]> objectives = new LinkedHashMap<>();
            List<String> names = r.children("objectives");
            for (String o : names.isEmpty() ? FlowOrderSpec.OBJECTIVES : names) {
                if (!FlowOrderSpec.OBJECTIVES.contains(o)) {
                    throw new SpecException("objectives." + o + " is not allowed: objectives are " + String.join(", ", FlowOrderSpec.OBJECTIVES));
                }
                double[] dflt = o.equals("toy") ? new double[] {0.2, 0.002} : new double[] {0.5, 0.01};
                objectives.put(o, new double[] {Check.positive("objectives." + o + ".horizon", r.number("objectives." + o + ".horizon", dflt[0])),
                    Check.positive("objectives." + o + ".h0", r.number("objectives." + o + ".h0", dflt[1]))});
            }
            Map<String, String> sources = r.textMap("sources");
            r.rejectUnknown();
            return new FlowOrderSpec(name, description, betas, halvings, burnIn, objectives, sources);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    public static ObjectNode encode(FlowOrderSpec s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("experiment", KIND);
        root.put("name", s.name());
        root.put("description", s.description());
        root.putArray("seeds").add(0);
        var betas = root.putArray("betas");
        s.betas().forEach(betas::add);
        root.put("halvings", s.halvings());
        root.put("burn_in", s.burnIn());
        ObjectNode objs = root.putObject("objectives");
        s.objectives().forEach((k, v) -> {
            ObjectNode o = objs.putObject(k);
            o.put("horizon", v[0]);
            o.put("h0", v[1]);
        });
        PatchSpecCodec.encodeSources(root, s.sources());
        return root;
    }
}
