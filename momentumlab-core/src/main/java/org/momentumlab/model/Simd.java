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

    /** e.g. {@code 512-bit vectors: float64 8 lanes, float32 16 lanes; fused multiply-add instruction; UseAVX=3 UseFMA=true MaxVectorSize=64}. */
    public static String describe() {
        int d = Math.min(DoubleVector.SPECIES_PREFERRED.length(), 8);
        int f = Math.min(FloatVector.SPECIES_PREFERRED.length(), 16);
        return (d * Double.SIZE) + "-bit vectors: float64 " + d + " lanes, float32 " + f + " lanes; "
                + Fma.MODE.description + (MASKS ? "" : "; per-lane tests in scalar code") + "; " + vmFlags();
    }

    /**
     * Whether the JIT compiles compares and blends of double vectors to instructions. HotSpot on x86
     * does not below AVX2 ({@code UseAVX} 0 or 1: {@code -XX:+PrintIntrinsics} says "not supported"
     * and every such operation allocates boxed vectors); there the kernels do their per-lane tests
     * (the logistic loss, the flushes) lane by lane in scalar code, with the same bits.
     */
    static final boolean MASKS = masks(vmFlag("UseAVX"));

    static boolean masks(String useAvx) {
        try {
            return useAvx == null || Integer.parseInt(useAvx.trim()) >= 2;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * What is wrong with the JVM's kernel settings ({@code -Dmlab.fma}), in one line, or null. Reading
     * it settles the arithmetic for the life of the JVM.
     */
    public static String settingsError() {
        if (System.getProperty(Fma.PROPERTY) == null) {
            return null;
        }
        try {
            return Fma.MODE == null ? "no arithmetic" : null;
        } catch (ExceptionInInitializerError e) {
            return e.getCause() == null ? e.toString() : e.getCause().getMessage();
        }
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
