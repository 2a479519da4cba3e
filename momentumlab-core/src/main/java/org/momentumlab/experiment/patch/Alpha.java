package org.momentumlab.experiment.patch;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.spec.Keys;
import org.momentumlab.experiment.spec.SpecMapper;

/**
 * The large-margin signal strength α of the patch data, written as a number or as a power of the
 * dimension, {@code d^e} (the paper's scale is d^0.49).
 *
 * @param value    the number, or NaN when given as a power
 * @param exponent e of d^e, or NaN when given as a number
 */
@JsonDeserialize(using = Alpha.Reader.class)
public record Alpha(double value, double exponent) {

    /** The theory's scale d^0.49. */
    public static final Alpha THEORY = power(0.49);

    public static Alpha power(double e) {
        return new Alpha(Double.NaN, e);
    }

    public static Alpha of(double v) {
        return new Alpha(v, Double.NaN);
    }

    /** α for dimension d. */
    public double at(int d) {
        return Double.isNaN(exponent) ? value : Math.pow(d, exponent);
    }

    /** As written in specs: the number, or {@code d^e}. */
    @JsonValue
    public Object json() {
        return Double.isNaN(exponent) ? (Object) value : "d^" + Num.format(exponent);
    }

    /** Reads a number or {@code d^e}. */
    public static final class Reader extends StdDeserializer<Alpha> {
        private static final long serialVersionUID = 1L;

        public Reader() {
            super(Alpha.class);
        }

        @Override
        public Alpha deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            if (n.isNumber()) {
                return of(n.doubleValue());
            }
            String t = n.isTextual() ? n.asText().trim() : "";
            try {
                return t.startsWith("d^") ? power(Double.parseDouble(t.substring(2))) : of(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new SpecException(Keys.current(p) + " = " + SpecMapper.shown(n) + " must be a number or d^e with a number e");
            }
        }
    }
}
