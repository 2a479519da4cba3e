package org.momentumlab.experiment.teacherstudent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.spec.Keys;
import org.momentumlab.experiment.spec.SpecBinder;
import org.momentumlab.experiment.spec.SpecMapper;
import org.momentumlab.model.nets.ArchSpec;
import org.momentumlab.model.nets.Architecture;

/**
 * A network section ({@code teacher:} or {@code student:}) in specs: {@code arch} picks the
 * architecture and its default sizes ({@link ArchSpec#defaults}); sizes the architecture does not
 * use are accepted (a grid may set them) but keep their defaults and are not written back.
 */
final class ArchFormat {
    private ArchFormat() {
    }

    static final List<String> SIZES = List.of("width", "width2", "channels", "channels2", "kernel", "kernel2", "stride", "stride2");

    static int[] sizes(ArchSpec s) {
        return new int[] {s.width(), s.width2(), s.channels(), s.channels2(), s.kernel(), s.kernel2(), s.stride(), s.stride2()};
    }

    static boolean uses(Architecture a, String field) {
        return switch (a) {
            case LINEAR -> false;
            case MLP1 -> field.equals("width");
            case MLP2 -> field.equals("width") || field.equals("width2");
            case CNN1 -> field.equals("channels") || field.equals("kernel") || field.equals("stride");
            case CNN2 -> field.startsWith("channels") || field.startsWith("kernel") || field.startsWith("stride");
        };
    }

    static final class Reader extends StdDeserializer<ArchSpec> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(ArchSpec.class);
        }

        @Override
        public ArchSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            String key = Keys.current(p);
            if (!n.isObject()) {
                throw new SpecException(key + " must be a section with arch and its sizes, got " + SpecMapper.shown(n));
            }
            JsonNode a = n.get("arch");
            if (a == null || a.isNull()) {
                throw new SpecException(key + ".arch is missing: must be one of " + Architecture.names());
            }
            Architecture arch = null;
            for (Architecture x : Architecture.values()) {
                if (a.isTextual() && x.id().equalsIgnoreCase(a.asText().trim())) {
                    arch = x;
                }
            }
            if (arch == null) {
                throw new SpecException(key + ".arch = " + SpecMapper.shown(a) + " is not allowed: must be one of " + Architecture.names());
            }
            List<String> known = new ArrayList<>(List.of("arch", "init_scale"));
            known.addAll(SIZES);
            n.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    throw SpecBinder.unknown(key + "." + f, known);
                }
            });
            ArchSpec dflt = ArchSpec.defaults(arch);
            int[] v = sizes(dflt);
            for (int i = 0; i < v.length; i++) {
                JsonNode f = n.get(SIZES.get(i));
                if (f != null && !f.isNull()) {
                    Long x = f.canConvertToLong() && f.isIntegralNumber() ? f.longValue() : null;
                    if (x == null || x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) {
                        throw new SpecException(key + "." + SIZES.get(i) + " must be a whole number, got " + SpecMapper.shown(f));
                    }
                    if (uses(arch, SIZES.get(i))) {
                        v[i] = (int) (long) x;
                    }
                }
            }
            double scale = dflt.initScale();
            JsonNode s = n.get("init_scale");
            if (s != null && !s.isNull()) {
                if (!s.isNumber()) {
                    throw new SpecException(key + ".init_scale must be a number, got " + SpecMapper.shown(s));
                }
                scale = s.doubleValue();
            }
            try {
                return ArchSpec.of(key, arch, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], scale);
            } catch (IllegalArgumentException e) {
                throw new SpecException(e.getMessage(), e);
            }
        }
    }

    static final class Writer extends StdSerializer<ArchSpec> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(ArchSpec.class);
        }

        @Override
        public void serialize(ArchSpec a, JsonGenerator gen, SerializerProvider provider) throws IOException {
            ObjectNode n = SpecMapper.MAPPER.createObjectNode();
            n.put("arch", a.arch().id());
            int[] v = sizes(a);
            for (int i = 0; i < v.length; i++) {
                if (uses(a.arch(), SIZES.get(i))) {
                    n.put(SIZES.get(i), v[i]);
                }
            }
            n.put("init_scale", a.initScale());
            gen.writeTree(n);
        }
    }
}
