package org.momentumlab.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/** The SIMD vector shape the kernels use on this machine (for provenance). */
public final class Simd {
    private Simd() {
    }

    /** e.g. {@code 512-bit vectors: float64 8 lanes, float32 16 lanes} (the kernels use at most 512 bits). */
    public static String describe() {
        int d = Math.min(DoubleVector.SPECIES_PREFERRED.length(), 8);
        int f = Math.min(FloatVector.SPECIES_PREFERRED.length(), 16);
        return (d * Double.SIZE) + "-bit vectors: float64 " + d + " lanes, float32 " + f + " lanes";
    }
}
