package org.momentumlab.model;

/**
 * Floating-point precision of a model's hot kernel.
 *
 * <p>Parameters, gradients and losses are always exchanged as {@code double[]}; the precision says
 * in which format the kernel stores its data and does its inner sums.
 */
public enum Precision {
    /** IEEE binary64 throughout (the default for theory experiments). */
    FLOAT64,
    /** Data and inner sums in IEEE binary32; chunk partial sums reduced in double. */
    FLOAT32
}
