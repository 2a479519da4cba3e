package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.model.Precision;
import org.momentumlab.train.ProbeSchedule;

/**
 * Reads a {@link SpecTree} into a {@link PatchExperimentSpec} (every key checked, every value
 * typed and validated) and writes a spec back as a fully resolved tree, which re-runs as is.
 * {@link #PARAMS} documents every field for {@code mlab describe}.
 */
public final class PatchSpecCodec {
    private PatchSpecCodec() {
    }

    public static final String KIND = "patch-cnn";

    /** Every non-optimizer field with its default and meaning, in the order of the resolved spec. */
    public static final List<Param> PARAMS = Param.list(Param.header(KIND, "experiment", "root seeds; each gives its own data set and W0 (list, or a range like 0..4)"),
            new Param("data.n_train", Param.Kind.INT, 20000, "N, number of training examples"),
            new Param("data.n_test", Param.Kind.INT, 2000, "number of test examples (independent stream)"),
            new Param("data.d", Param.Kind.INT, 30, "d, dimension of a patch"),
            new Param("data.patches", Param.Kind.INT, 5, "P, patches per example"),
            new Param("data.alpha", Param.Kind.NUMBER, "d^0.49", "alpha, large-margin signal strength (a number, or d^e)"),
            new Param("data.beta", Param.Kind.NUMBER, 0.3, "beta, small-margin signal strength"),
            new Param("data.mu", Param.Kind.NUMBER, 0.05, "mu, probability of a small-margin example"),
            new Param("data.sigma", Param.Kind.NUMBER, 1.0, "sigma, std of the noise patches N(0, sigma^2 (I - w* w*^T))"),
            new Param("data.w_star", Param.Kind.WORD, "basis", "feature w*: basis (e1) or random (unit vector from the seed)", List.of("basis", "random")),
            new Param("model.neurons", Param.Kind.INT, 5, "m, neurons of the cubic CNN"),
            new Param("model.init_std", Param.Kind.NUMBER, 0.01, "sigma0, W0 ~ N(0, sigma0^2) entrywise"),
            new Param("model.lambda", Param.Kind.NUMBER, 0.0, "lambda, L2 coefficient in (lambda/2)||W||^2"),
            new Param("model.precision", Param.Kind.WORD, "float64", "kernel arithmetic (parameters stay float64)", List.of("float64", "float32")),
            new Param("train.steps", Param.Kind.LONG, 1000L, "T, optimizer steps"),
            new Param("train.batch_size", Param.Kind.INT, 0, "examples per step; 0 = full batch"),
            new Param("train.target_loss", Param.Kind.NUMBER, 0.0, "stop once the training loss <= this; 0 = never"),
            new Param("probe.every", Param.Kind.LONG, 10L, "probe every k steps (0 = off)"),
            new Param("probe.per_decade", Param.Kind.INT, 0, "also probe at log-spaced steps, points per decade (0 = off)"),
            new Param("probe.sharpness_every", Param.Kind.LONG, 0L, "top Hessian eigenvalue (Lanczos on exact Hessian-vector products) at probe steps that are multiples of this (0 = off; costly)"));

    /** Meanings of the optimizer fields (keys under optimizers.NAME). */
    public static final Map<String, String> OPTIMIZER_FIELDS = optimizerFields();

    private static Map<String, String> optimizerFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "update rule: " + String.join(" | ", OptimizerSpec.TYPES.keySet()));
        m.put("lr", "learning rate (eta; h for heavy_ball)");
        m.put("gamma", "EMA momentum factor of gd_momentum: g <- gamma g + (1 - gamma) grad");
        m.put("beta", "heavy-ball coefficient: x+ = x - h grad + beta (x - x_prev)");
        m.put("momentum", "momentum of torch_sgd / optax_sgd / sutskever_nesterov");
        m.put("dampening", "torch_sgd dampening tau");
        m.put("nesterov", "torch_sgd / optax_sgd Nesterov direction");
        m.put("weight_decay", "torch_sgd L2 added to the gradient before momentum");
        m.put("schedule", "learning-rate schedule: constant | step | cosine");
        m.put("step_factor", "step schedule: multiply lr by this every step_every steps");
        m.put("step_every", "step schedule period");
        m.put("lr_min", "cosine schedule floor");
        m.put("warmup_steps", "linear warm-up steps before the schedule (0 = none)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Types and validates the tree; throws {@link SpecException} naming the first bad key. */
    public static PatchExperimentSpec decode(SpecTree tree) {
        SpecReader r = new SpecReader(tree.root());
        r.word("experiment", KIND, List.of(KIND));
        String name = r.name("experiment");
        String description = r.text("description", "");
        List<Long> seeds = seeds(r);
        int d = r.intValue("data.d", 30);
        double alpha = alpha(r, d);
        try {
            PatchDataSpec data = new PatchDataSpec(r.intValue("data.n_train", 20000), r.intValue("data.n_test", 2000),
                    r.intValue("data.patches", 5), d, alpha, r.number("data.beta", 0.3), r.number("data.mu", 0.05),
                    r.number("data.sigma", 1.0),
                    PatchDataSpec.FeatureDirection.valueOf(r.word("data.w_star", "basis", List.of("basis", "random")).toUpperCase(Locale.ROOT)));
            ModelSpec model = new ModelSpec(r.intValue("model.neurons", 5), r.number("model.init_std", 0.01),
                    r.number("model.lambda", 0.0),
                    Precision.valueOf(r.word("model.precision", "float64", List.of("float64", "float32")).toUpperCase(Locale.ROOT)));
            TrainSpec train = new TrainSpec(r.integer("train.steps", 1000), r.intValue("train.batch_size", 0),
                    r.number("train.target_loss", 0));
            ProbeSchedule probe = new ProbeSchedule(r.integer("probe.every", 10), r.intValue("probe.per_decade", 0));
            long sharpnessEvery = r.integer("probe.sharpness_every", 0);
            Map<String, OptimizerSpec> optimizers = new LinkedHashMap<>();
            for (String o : r.children("optimizers")) {
                optimizers.put(o, optimizer(r, o, train.steps()));
            }
            Map<String, String> sources = r.textMap("sources");
            r.rejectUnknown();
            return new PatchExperimentSpec(name, description, seeds, data, model, train, probe, sharpnessEvery, optimizers, sources);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    private static double alpha(SpecReader r, int d) {
        com.fasterxml.jackson.databind.JsonNode n = r.node("data.alpha");
        if (n != null && n.isTextual() && n.asText().trim().startsWith("d^")) {
            try {
                return Math.pow(d, Double.parseDouble(n.asText().trim().substring(2)));
            } catch (NumberFormatException e) {
                throw new SpecException("data.alpha = '" + n.asText() + "' must be a number or d^e with a number e");
            }
        }
        return n == null ? PatchDataSpec.theoryAlpha(d) : r.number("data.alpha", 0);
    }

    static List<Long> seeds(SpecReader r) {
        com.fasterxml.jackson.databind.JsonNode n = r.node("seeds");
        if (n == null) {
            return List.of(0L);
        }
        if (n.isArray()) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).canConvertToLong() || !n.get(i).isIntegralNumber()) {
                    throw new SpecException("seeds[" + i + "] must be a whole number, got '" + n.get(i).asText() + "'");
                }
                out.add(n.get(i).longValue());
            }
            return out;
        }
        return parseSeeds(n.asText(), "seeds");
    }

    /** Parses "0..4" (inclusive range), "0,3,7" or "5". */
    public static List<Long> parseSeeds(String text, String what) {
        String t = text.trim();
        List<Long> out = new ArrayList<>();
        try {
            int dots = t.indexOf("..");
            if (dots >= 0) {
                long a = Long.parseLong(t.substring(0, dots).trim());
                long b = Long.parseLong(t.substring(dots + 2).trim());
                if (b < a || b - a > 100_000) {
                    throw new SpecException(what + " = '" + text + "' must be a range lo..hi with lo <= hi");
                }
                for (long s = a; s <= b; s++) {
                    out.add(s);
                }
            } else {
                for (String p : t.split(",")) {
                    out.add(Long.parseLong(p.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new SpecException(what + " = '" + text + "' must be a range like 0..4 or a list like 0,3,7");
        }
        if (new java.util.HashSet<>(out).size() != out.size()) {
            throw new SpecException(what + " = '" + text + "' repeats a seed");
        }
        return out;
    }

    static OptimizerSpec optimizer(SpecReader r, String name, long steps) {
        String p = "optimizers." + name;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new SpecException(p + ": an optimizer name must be letters, digits, '_' or '-'");
        }
        if (r.node(p + ".type") == null) {
            throw new SpecException(p + ".type is missing: must be one of " + String.join(", ", OptimizerSpec.TYPES.keySet()));
        }
        String type = r.word(p + ".type", "", List.copyOf(OptimizerSpec.TYPES.keySet()));
        List<String> extra = OptimizerSpec.TYPES.get(type);
        double momentum = extra.isEmpty() ? 0 : r.number(p + "." + extra.get(0), 0.9);
        double dampening = extra.contains("dampening") ? r.number(p + ".dampening", 0) : 0;
        boolean nesterov = extra.contains("nesterov") && r.bool(p + ".nesterov", false);
        double wd = extra.contains("weight_decay") ? r.number(p + ".weight_decay", 0) : 0;
        if (r.node(p + ".lr") == null) {
            throw new SpecException(p + ".lr is missing: every optimizer needs a learning rate");
        }
        double lr = r.number(p + ".lr", 0);
        String schedule = r.word(p + ".schedule", "constant", OptimizerSpec.SCHEDULES);
        double stepFactor = r.number(p + ".step_factor", 0.1);
        long stepEvery = r.integer(p + ".step_every", Math.max(1, steps / 3));
        double lrMin = r.number(p + ".lr_min", 0);
        long warmup = r.integer(p + ".warmup_steps", 0);
        OptimizerSpec spec = new OptimizerSpec(type, lr, momentum, dampening, nesterov, wd, schedule, stepFactor, stepEvery, lrMin, warmup);
        try {
            spec.build(steps);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String field = msg.split(" ", 2)[0];
            String key = switch (field) {
                case "mu" -> "momentum";
                case "weightDecay" -> "weight_decay";
                case "h" -> "lr";
                case "value", "initial", "lr" -> "lr";
                case "factor" -> "step_factor";
                case "every" -> "step_every";
                case "minimum" -> "lr_min";
                case "warmupSteps" -> "warmup_steps";
                default -> field;
            };
            throw new SpecException(p + "." + key + msg.substring(field.length()), e);
        }
        return spec;
    }

    /** The fully resolved tree of a spec (every field written), which decodes back to an equal spec. */
    public static ObjectNode encode(PatchExperimentSpec s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("experiment", KIND);
        root.put("name", s.name());
        root.put("description", s.description());
        root.putArray("seeds").addAll(s.seeds().stream().map(f::numberNode).toList());
        ObjectNode data = root.putObject("data");
        data.put("n_train", s.data().trainSize());
        data.put("n_test", s.data().testSize());
        data.put("d", s.data().dim());
        data.put("patches", s.data().patches());
        data.put("alpha", s.data().alpha());
        data.put("beta", s.data().beta());
        data.put("mu", s.data().mu());
        data.put("sigma", s.data().sigma());
        data.put("w_star", s.data().wStar().name().toLowerCase(Locale.ROOT));
        ObjectNode model = root.putObject("model");
        model.put("neurons", s.model().neurons());
        model.put("init_std", s.model().initStd());
        model.put("lambda", s.model().lambda());
        model.put("precision", s.model().precision().name().toLowerCase(Locale.ROOT));
        ObjectNode train = root.putObject("train");
        train.put("steps", s.train().steps());
        train.put("batch_size", s.train().batchSize());
        train.put("target_loss", s.train().targetLoss());
        ObjectNode probe = root.putObject("probe");
        probe.put("every", s.probe().every());
        probe.put("per_decade", s.probe().perDecade());
        probe.put("sharpness_every", s.sharpnessEvery());
        encodeOptimizers(root, s.optimizers());
        encodeSources(root, s.sources());
        return root;
    }

    /** Writes the optimizers section (only the fields of each type). */
    static void encodeOptimizers(ObjectNode root, Map<String, OptimizerSpec> optimizers) {
        ObjectNode opts = root.putObject("optimizers");
        optimizers.forEach((name, o) -> {
            ObjectNode n = opts.putObject(name);
            n.put("type", o.type());
            n.put("lr", o.lr());
            List<String> extra = OptimizerSpec.TYPES.get(o.type());
            if (!extra.isEmpty()) {
                n.put(extra.get(0), o.momentum());
            }
            if (extra.contains("dampening")) {
                n.put("dampening", o.dampening());
            }
            if (extra.contains("nesterov")) {
                n.put("nesterov", o.nesterov());
            }
            if (extra.contains("weight_decay")) {
                n.put("weight_decay", o.weightDecay());
            }
            n.put("schedule", o.schedule());
            if (o.schedule().equals("step")) {
                n.put("step_factor", o.stepFactor());
                n.put("step_every", o.stepEvery());
            }
            if (o.schedule().equals("cosine")) {
                n.put("lr_min", o.lrMin());
            }
            n.put("warmup_steps", o.warmupSteps());
        });
    }

    static void encodeSources(ObjectNode root, Map<String, String> sources) {
        if (!sources.isEmpty()) {
            ObjectNode src = root.putObject("sources");
            sources.forEach(src::put);
        }
    }
}
