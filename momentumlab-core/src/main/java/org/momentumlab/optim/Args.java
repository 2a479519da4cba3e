package org.momentumlab.optim;

/** Validation helpers that {@link org.momentumlab.util.Check} lacks (same message style). */
final class Args {
    private Args() {
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " = null is not allowed: a value is required");
        }
        return value;
    }
}
