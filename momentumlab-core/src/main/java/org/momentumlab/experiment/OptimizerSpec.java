package org.momentumlab.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.momentumlab.experiment.spec.Flattened;
import org.momentumlab.experiment.spec.Keys;
import org.momentumlab.experiment.spec.SpecBinder;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.optim.Optimizer;

/**
 * One optimizer of an experiment, written in a spec as one section under {@code optimizers.NAME}:
 * {@code type}, {@code lr}, the type's own fields ({@link UpdateRule}) and the schedule fields
 * ({@link LrSchedule}). Types: {@code gd}; {@code gd_momentum} (gamma: the EMA form of Jelassi &amp;
 * Li); {@code heavy_ball} (beta: Polyak form); {@code torch_sgd} (momentum, dampening, nesterov,
 * weight_decay); {@code optax_sgd} (momentum, nesterov); {@code sutskever_nesterov} (momentum).
 */
@JsonDeserialize(using = OptimizerSpec.Reader.class)
@JsonSerialize(using = OptimizerSpec.Writer.class)
public record OptimizerSpec(UpdateRule rule, LrSchedule schedule) implements Flattened {

    public String type() {
        return rule.type();
    }

    public double lr() {
        return schedule.lr();
    }

    /** The rule's momentum coefficient (0 for gd). */
    public double momentum() {
        return rule.momentum();
    }

    /**
     * Sato &amp; Iiduka's smoothing formula for this optimizer at batch size {@code batch}, with its
     * (initial) learning rate: SGD for gd and torch_sgd without momentum, SHB for heavy_ball and
     * torch_sgd with momentum and no dampening (not Nesterov), NSHB for gd_momentum (the EMA form) and
     * torch_sgd with dampening equal to its momentum; null for any other rule.
     */
    public org.momentumlab.probe.Smoothing smoothing(int batch) {
        org.momentumlab.probe.Smoothing.Form form = switch (rule) {
            case UpdateRule.Gd g -> org.momentumlab.probe.Smoothing.Form.SGD;
            case UpdateRule.GdMomentum g -> org.momentumlab.probe.Smoothing.Form.NSHB;
            case UpdateRule.HeavyBall h -> org.momentumlab.probe.Smoothing.Form.SHB;
            case UpdateRule.TorchSgd t when t.nesterov() -> null;
            case UpdateRule.TorchSgd t when t.momentum() == 0 -> org.momentumlab.probe.Smoothing.Form.SGD;
            case UpdateRule.TorchSgd t when t.dampening() == 0 -> org.momentumlab.probe.Smoothing.Form.SHB;
            case UpdateRule.TorchSgd t when t.dampening() == t.momentum() -> org.momentumlab.probe.Smoothing.Form.NSHB;
            default -> null;
        };
        return form == null ? null : new org.momentumlab.probe.Smoothing(form, lr(), rule.momentum(), batch);
    }

    /** Builds the optimizer; {@code totalSteps} is the horizon of a cosine schedule. */
    public Optimizer build(long totalSteps) {
        return rule.build(schedule.build(totalSteps));
    }

    /**
     * The largest Hessian eigenvalue for which this rule, with its learning rate, is stable on a
     * quadratic: 2/η for GD, 2(1 + β)/h for heavy ball (and torch/optax momentum without
     * dampening), 2(1 + γ)/(η(1 − γ)) for the EMA form; NaN where no simple line applies (Nesterov,
     * dampening, a learning rate that changes).
     */
    public double stabilityLimit() {
        return schedule.constant() && lr() > 0 ? rule.stabilityLimit(lr()) : Double.NaN;
    }

    @Override
    public List<Record> parts() {
        return List.of((Record) rule, schedule);
    }

    @Override
    public Map<String, String> extraDocs() {
        return Map.of("type", "update rule: " + String.join(" | ", UpdateRule.DEFAULTS.keySet()));
    }

    /** Reads an optimizer section: the type picks the record of its fields and their defaults. */
    public static final class Reader extends StdDeserializer<OptimizerSpec> {
        private static final long serialVersionUID = 1L;

        public Reader() {
            super(OptimizerSpec.class);
        }

        @Override
        public OptimizerSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            String key = Keys.current(p);
            String name = key.substring(key.lastIndexOf('.') + 1);
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new SpecException(key + ": an optimizer name must be letters, digits, '_' or '-'");
            }
            if (!n.isObject()) {
                throw new SpecException(key + " must be a section with type and lr, got " + SpecMapper.shown(n));
            }
            String types = String.join(", ", UpdateRule.DEFAULTS.keySet());
            JsonNode t = n.get("type");
            if (t == null || t.isNull()) {
                throw new SpecException(key + ".type is missing: must be one of " + types);
            }
            UpdateRule dflt = UpdateRule.DEFAULTS.get(t.asText());
            if (!t.isTextual() || dflt == null) {
                throw new SpecException(key + ".type = " + SpecMapper.shown(t) + " is not allowed: must be one of " + types);
            }
            if (n.get("lr") == null || n.get("lr").isNull()) {
                throw new SpecException(key + ".lr is missing: every optimizer needs a learning rate");
            }
            List<String> ruleFields = fields(dflt.getClass());
            List<String> scheduleFields = fields(LrSchedule.class);
            ObjectNode ruleTree = SpecMapper.MAPPER.createObjectNode();
            ObjectNode scheduleTree = SpecMapper.MAPPER.createObjectNode();
            List<String> known = new ArrayList<>(List.of("type"));
            known.addAll(ruleFields);
            known.addAll(scheduleFields);
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (ruleFields.contains(e.getKey())) {
                    ruleTree.set(e.getKey(), e.getValue());
                } else if (scheduleFields.contains(e.getKey())) {
                    scheduleTree.set(e.getKey(), e.getValue());
                } else if (!e.getKey().equals("type")) {
                    throw SpecBinder.unknown(key + "." + e.getKey(), known);
                }
            }
            @SuppressWarnings("unchecked")
            Class<UpdateRule> ruleType = (Class<UpdateRule>) dflt.getClass();
            UpdateRule rule = SpecBinder.bind(ruleTree, dflt, ruleType, key);
            LrSchedule schedule = SpecBinder.bind(scheduleTree, LrSchedule.DEFAULTS, LrSchedule.class, key);
            return new OptimizerSpec(rule, schedule);
        }

        private static List<String> fields(Class<?> record) {
            List<String> out = new ArrayList<>();
            for (var c : record.getRecordComponents()) {
                out.add(SpecBinder.name(c));
            }
            return out;
        }
    }

    /** Writes type, lr, the type's fields, then the schedule fields its shape uses. */
    public static final class Writer extends StdSerializer<OptimizerSpec> {
        private static final long serialVersionUID = 1L;

        public Writer() {
            super(OptimizerSpec.class);
        }

        @Override
        public void serialize(OptimizerSpec o, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ObjectNode n = SpecMapper.MAPPER.createObjectNode();
            n.put("type", o.type());
            n.put("lr", o.lr());
            n.setAll((ObjectNode) SpecMapper.MAPPER.valueToTree(o.rule()));
            LrSchedule s = o.schedule();
            n.put("schedule", SpecMapper.spell(s.schedule()));
            if (s.schedule() == LrSchedule.Shape.STEP) {
                n.put("step_factor", s.stepFactor());
                n.put("step_every", s.stepEvery());
            }
            if (s.schedule() == LrSchedule.Shape.COSINE) {
                n.put("lr_min", s.lrMin());
            }
            n.put("warmup_steps", s.warmupSteps());
            gen.writeTree(n);
        }
    }
}
