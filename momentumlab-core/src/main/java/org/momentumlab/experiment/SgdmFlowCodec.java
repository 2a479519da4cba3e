package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@link SgdmFlowSpec}s (kind {@code sgdm-flow}). */
public final class SgdmFlowCodec {
    private SgdmFlowCodec() {
    }

    public static final String KIND = "sgdm-flow";

    public static final List<Param> PARAMS = Param.list(Param.header(KIND, "sgdm-flow", "seed of the data, the batch sequence and the variance replicates"),
            new Param("betas", Param.Kind.TEXT, "[0, 0.5, 0.8]", "betas of the order check"),
            new Param("horizon", Param.Kind.NUMBER, 1.0, "T of the order check"),
            new Param("h0", Param.Kind.NUMBER, 0.2, "largest step; h = h0 (1 - beta) / 2^i"),
            new Param("halvings", Param.Kind.INT, 4, "number of halvings of h"),
            new Param("variance.betas", Param.Kind.TEXT, "[0.5, 0.8, 0.9]", "betas of the variance-reduction estimate"),
            new Param("variance.replicates", Param.Kind.INT, 20000, "independent batch sequences per estimate"));

    public static SgdmFlowSpec decode(SpecTree tree) {
        SpecReader r = new SpecReader(tree.root());
        r.word("experiment", KIND, List.of(KIND));
        String name = r.name("sgdm-flow");
        String description = r.text("description", "");
        if (!PatchSpecCodec.seeds(r).equals(List.of(0L))) {
            throw new SpecException("seeds: sgdm-flow uses seed 0 only");
        }
        try {
            SgdmFlowSpec s = new SgdmFlowSpec(name, description, numbers(r, "betas", List.of(0.0, 0.5, 0.8)),
                    r.number("horizon", 1.0), r.number("h0", 0.2), r.intValue("halvings", 4),
                    numbers(r, "variance.betas", List.of(0.5, 0.8, 0.9)), r.intValue("variance.replicates", 20000), r.textMap("sources"));
            r.rejectUnknown();
            return s;
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    static List<Double> numbers(SpecReader r, String key, List<Double> dflt) {
        JsonNode n = r.node(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isArray() || n.isEmpty()) {
            throw new SpecException(key + " must be a non-empty list of numbers like [0, 0.5]");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isNumber()) {
                throw new SpecException(key + "[" + i + "] must be a number, got '" + n.get(i).asText() + "'");
            }
            out.add(n.get(i).doubleValue());
        }
        return out;
    }

    public static ObjectNode encode(SgdmFlowSpec s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("experiment", KIND);
        root.put("name", s.name());
        root.put("description", s.description());
        root.putArray("seeds").add(0);
        var b = root.putArray("betas");
        s.betas().forEach(b::add);
        root.put("horizon", s.horizon());
        root.put("h0", s.h0());
        root.put("halvings", s.halvings());
        ObjectNode v = root.putObject("variance");
        var vb = v.putArray("betas");
        s.varianceBetas().forEach(vb::add);
        v.put("replicates", s.replicates());
        PatchSpecCodec.encodeSources(root, s.sources());
        return root;
    }
}
