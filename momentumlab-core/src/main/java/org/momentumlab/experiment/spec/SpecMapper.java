package org.momentumlab.experiment.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.momentumlab.experiment.SpecException;

/**
 * The Jackson mapper that binds spec trees to records: snake_case field names, unknown keys refused,
 * no silent coercions (a whole number is required where an integer is, {@code 1.5} is not rounded),
 * enums spelled in lower case (or by their {@link Spelled#id()}). Numbers may be written as YAML
 * numbers or as text ({@code "1e-3"}, {@code 20_000}).
 */
public final class SpecMapper {
    private SpecMapper() {
    }

    /** An enum constant with a spelling of its own in specs (e.g. {@code 1-mlp}). */
    public interface Spelled {
        String id();
    }

    /** The binding mapper (tree ↔ records). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(scalars())
            .build();

    /** Spelling of an enum constant in specs. */
    public static String spell(Enum<?> e) {
        return e instanceof Spelled s ? s.id() : e.name().toLowerCase(Locale.ROOT);
    }

    /** "a, b, c": the spellings of every constant. */
    public static String choices(Class<?> enumType) {
        List<String> out = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            out.add(spell((Enum<?>) c));
        }
        return String.join(", ", out);
    }

    /** The text of a value node for messages: the scalar as written, or "a section" / "a list". */
    public static String shown(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "a section";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "'" + n.asText() + "'";
    }

    private static SimpleModule scalars() {
        SimpleModule m = new SimpleModule("momentumlab-scalars");
        m.addDeserializer(double.class, new NumberReader<>(Double.class, "a number", SpecMapper::toDouble));
        m.addDeserializer(Double.class, new NumberReader<>(Double.class, "a number", SpecMapper::toDouble));
        m.addDeserializer(long.class, new NumberReader<>(Long.class, "a whole number", SpecMapper::toLong));
        m.addDeserializer(Long.class, new NumberReader<>(Long.class, "a whole number", SpecMapper::toLong));
        m.addDeserializer(int.class, new NumberReader<>(Integer.class, "a whole number", SpecMapper::toInt));
        m.addDeserializer(Integer.class, new NumberReader<>(Integer.class, "a whole number", SpecMapper::toInt));
        m.addDeserializer(boolean.class, new NumberReader<>(Boolean.class, "true or false", SpecMapper::toBool));
        m.addDeserializer(Boolean.class, new NumberReader<>(Boolean.class, "true or false", SpecMapper::toBool));
        m.addDeserializer(String.class, new NumberReader<>(String.class, "a single value", n -> n.isValueNode() ? n.asText() : null));
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription d,
                                                              JsonDeserializer<?> deserializer) {
                return new EnumReader(type.getRawClass());
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        StdSerializer<Enum> enums = new StdSerializer<>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(spell(value));
            }
        };
        m.addSerializer(Enum.class, enums);
        return m;
    }

    static Double toDouble(JsonNode n) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            String t = n.asText().trim().replace("_", "");
            try {
                return switch (t.toLowerCase(Locale.ROOT)) {
                    case "inf", "+inf", ".inf", "infinity" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-.inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                    case "nan", ".nan" -> Double.NaN;
                    default -> Double.parseDouble(t);
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long toLong(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9e15) {
            return (long) n.doubleValue();
        }
        if (n.isTextual()) {
            String t = n.asText().trim().replace("_", "");
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                Double d = toDouble(n);
                return d != null && d == Math.rint(d) && Math.abs(d) < 9e15 ? (long) (double) d : null;
            }
        }
        return null;
    }

    static Integer toInt(JsonNode n) {
        Long v = toLong(n);
        return v == null || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? null : (int) (long) v;
    }

    static Boolean toBool(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String t = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : "";
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
    }

    /** A scalar read through a conversion; failure names the key, the value and the expected form. */
    private static final class NumberReader<T> extends StdDeserializer<T> {
        private final String expected;
        private final java.util.function.Function<JsonNode, T> convert;

        NumberReader(Class<T> type, String expected, java.util.function.Function<JsonNode, T> convert) {
            super(type);
            this.expected = expected;
            this.convert = convert;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            T v = n == null ? null : convert.apply(n);
            if (v == null) {
                throw new SpecException(Keys.current(p) + " must be " + expected + ", got " + shown(n));
            }
            return v;
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** An enum by its spelling; failure lists the allowed spellings. */
    private static final class EnumReader extends StdDeserializer<Object> {
        private final Class<?> type;

        EnumReader(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            JsonNode n = p.readValueAsTree();
            if (t != null && t.isScalarValue()) {
                String text = n.asText().trim();
                for (Object c : type.getEnumConstants()) {
                    if (spell((Enum<?>) c).equalsIgnoreCase(text)) {
                        return c;
                    }
                }
            }
            throw new SpecException(Keys.current(p) + " = " + shown(n) + " is not allowed: must be one of " + choices(type));
        }
    }
}
