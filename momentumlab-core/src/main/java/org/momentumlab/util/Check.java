package org.momentumlab.util;

/**
 * Argument validation with messages that name the field, the offending value and the allowed range,
 * e.g. {@code data.mu = 1.5 is out of range: must be in [0, 1]}.
 */
public final class Check {
    private Check() {
    }

    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be >= " + min);
        }
        return value;
    }

    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be >= " + min);
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " = " + value + " is not a finite number");
        }
        return value;
    }

    public static double nonNegative(String field, double value) {
        finite(field, value);
        if (value < 0) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be >= 0");
        }
        return value;
    }

    public static double positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be > 0");
        }
        return value;
    }

    /** Checks lo &lt;= value &lt;= hi. */
    public static double closed(String field, double value, double lo, double hi) {
        finite(field, value);
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be in [" + fmt(lo) + ", " + fmt(hi) + "]");
        }
        return value;
    }

    /** Checks lo &lt;= value &lt; hi. */
    public static double halfOpen(String field, double value, double lo, double hi) {
        finite(field, value);
        if (value < lo || value >= hi) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range: must be in [" + fmt(lo) + ", " + fmt(hi) + ")");
        }
        return value;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
