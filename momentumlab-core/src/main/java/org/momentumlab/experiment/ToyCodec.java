package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes {@link ToySpec}s (kind {@code toy}); see {@link PatchSpecCodec}. */
public final class ToyCodec {
    private ToyCodec() {
    }

    public static final String KIND = "toy";

    public static final List<Param> PARAMS = Param.list(Param.header(KIND, "toy", null),
            new Param("objective.x", Param.Kind.NUMBER, 1.0, "x in E = (y - w1 w2 x)^2 / 2"),
            new Param("objective.y", Param.Kind.NUMBER, 0.6, "y in E = (y - w1 w2 x)^2 / 2"),
            new Param("start.w1", Param.Kind.NUMBER, 2.8, "initial w1"),
            new Param("start.w2", Param.Kind.NUMBER, 3.4, "initial w2"),
            new Param("train.steps", Param.Kind.LONG, 50000L, "steps of every optimizer"),
            new Param("probe.every", Param.Kind.LONG, 500L, "probe every k steps (and at 20 log-spaced steps per decade)"),
            new Param("probe.sharpness", Param.Kind.BOOL, true, "record the top Hessian eigenvalue (Lanczos)"));

    public static ToySpec decode(SpecTree tree) {
        SpecReader r = new SpecReader(tree.root());
        r.word("experiment", KIND, List.of(KIND));
        String name = r.name("toy");
        String description = r.text("description", "");
        List<Long> seeds = PatchSpecCodec.seeds(r);
        if (!seeds.equals(List.of(0L))) {
            throw new SpecException("seeds = " + seeds + " is not allowed: the toy is deterministic, leave seeds out or give [0]");
        }
        try {
            long steps = r.integer("train.steps", 50000);
            Map<String, OptimizerSpec> optimizers = new LinkedHashMap<>();
            for (String o : r.children("optimizers")) {
                optimizers.put(o, PatchSpecCodec.optimizer(r, o, steps));
            }
            ToySpec s = new ToySpec(name, description, r.number("objective.x", 1.0), r.number("objective.y", 0.6),
                    r.number("start.w1", 2.8), r.number("start.w2", 3.4), steps, r.integer("probe.every", 500),
                    r.bool("probe.sharpness", true), optimizers, r.textMap("sources"));
            r.rejectUnknown();
            return s;
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    public static ObjectNode encode(ToySpec s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("experiment", KIND);
        root.put("name", s.name());
        root.put("description", s.description());
        root.putArray("seeds").add(0);
        ObjectNode obj = root.putObject("objective");
        obj.put("x", s.x());
        obj.put("y", s.y());
        ObjectNode start = root.putObject("start");
        start.put("w1", s.w1());
        start.put("w2", s.w2());
        root.putObject("train").put("steps", s.steps());
        ObjectNode probe = root.putObject("probe");
        probe.put("every", s.probeEvery());
        probe.put("sharpness", s.sharpness());
        PatchSpecCodec.encodeOptimizers(root, s.optimizers());
        PatchSpecCodec.encodeSources(root, s.sources());
        return root;
    }
}
