package org.momentumlab.experiment;

/** Number formatting shared by specs, tables and files: shortest round-trip text, integers without ".0". */
public final class Num {
    private Num() {
    }

    /** Shortest text that reads back to the same double; integral values without a fraction. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** v with {@code digits} significant digits, for tables. */
    public static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7)) {
            return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
