package org.momentumlab.data;

/** The margin group of an example of distribution (D): signal coefficient α (large) or β (small). */
public enum MarginGroup {
    /** c = α·y, drawn with probability 1 − μ. */
    LARGE,
    /** c = β·y, drawn with probability μ. */
    SMALL;

    /** The lower-case name used in metric names and files ("large", "small"). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
