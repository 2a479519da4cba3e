package org.momentumlab.model;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The SIMD path the kernels take on this JVM and CPU (for provenance and {@code mlab bench}): the
 * vector shape, and the HotSpot flags that decide which vector operations are compiled to
 * instructions ({@code UseAVX}, {@code UseFMA}, {@code MaxVectorSize}; "unknown" off HotSpot).
 */
public final class Simd {
    private Simd() {
    }

    /** e.g. {@code 512-bit vectors: float64 8 lanes, float32 16 lanes; UseAVX=3 UseFMA=true MaxVectorSize=64}. */
    public static String describe() {
        int d = Math.min(DoubleVector.SPECIES_PREFERRED.length(), 8);
        int f = Math.min(FloatVector.SPECIES_PREFERRED.length(), 16);
        return (d * Double.SIZE) + "-bit vectors: float64 " + d + " lanes, float32 " + f + " lanes; FMA "
                + (Fma.HARDWARE ? "in hardware" : "emulated exactly") + "; " + vmFlags();
    }

    /** The value of a HotSpot flag, or null where it cannot be read. */
    static String vmFlag(String flag) {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean.getVMOption(flag).getValue();
        } catch (Throwable e) {
            return null;
        }
    }

    /** The HotSpot flags that pick the instructions, or "VM flags unknown". */
    static String vmFlags() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            List<String> out = new ArrayList<>();
            for (String flag : List.of("UseAVX", "UseSSE", "UseFMA", "MaxVectorSize")) {
                try {
                    out.add(flag + "=" + bean.getVMOption(flag).getValue());
                } catch (IllegalArgumentException e) {
                    // not a flag of this VM or CPU architecture
                }
            }
            return out.isEmpty() ? "VM flags unknown" : String.join(" ", out);
        } catch (Throwable e) {
            return "VM flags unknown";
        }
    }
}
