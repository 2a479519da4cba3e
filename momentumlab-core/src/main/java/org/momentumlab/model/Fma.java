package org.momentumlab.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused multiply-add for the kernels, exact on every CPU. Where the JVM compiles FMA to an instruction
 * (HotSpot's {@code UseFMA}; assumed where it cannot be read) the kernels use the Vector API's
 * {@code fma}. Where it does not (a CPU or VM without FMA, e.g. {@code -XX:UseAVX=0}), the JDK would
 * compute every lane in software with big-number arithmetic, thousands of times slower; there the
 * kernels call {@link #exact}, which computes RN(a·b + c) from plain multiplies and adds: the product
 * exactly as p + e (Veltkamp splitting, Dekker's product), c + p exactly as s + t (TwoSum), then
 * RN(s + RO(t + e)) with RO rounding to odd (Boldo &amp; Melquiond, "Emulation of FMA and correctly
 * rounded sums: proved algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008). The
 * result has the bits of a hardware FMA whenever a·b and its rounding error are normal numbers and
 * nothing overflows, as in the kernels (whose subnormal shares are flushed).
 */
final class Fma {
    private Fma() {
    }

    /** How the kernels compute a·b + c. */
    enum Mode {
        /** The fused instruction (one rounding). */
        HARDWARE("fused multiply-add instruction"),
        /** {@link #exact}: one rounding, the instruction's bits, from plain multiplies and adds. */
        EXACT("fused multiply-add emulated exactly (the bits of the instruction)"),
        /** RN(RN(a·b) + c): two roundings, so other bits than a CPU with FMA, but vectorized on any CPU. */
        SEPARATE("separate multiply and add (no FMA on this CPU: other last bits than FMA CPUs)");

        final String description;

        Mode(String description) {
            this.description = description;
        }
    }

    /** The property that overrides the choice: {@code -Dmlab.fma=hardware|exact|separate}. */
    static final String PROPERTY = "mlab.fma";

    /**
     * The fused instruction where the JVM has it (HotSpot's {@code UseFMA}; assumed where it cannot be
     * read); else the separate multiply and add, unless {@code -Dmlab.fma=exact} asks for the bits of an
     * FMA CPU (much slower: see the README's "No FMA"). {@code hardware} where the JVM has no
     * instruction is refused (the JDK would compute each lane with big-number arithmetic).
     */
    static final Mode MODE = choose(System.getProperty(PROPERTY), !"false".equals(Simd.vmFlag("UseFMA")));

    /** Whether the kernels use the fused instruction. */
    static final boolean HARDWARE = MODE == Mode.HARDWARE;
    /** Whether the kernels emulate the fused instruction exactly. */
    static final boolean EXACT = MODE == Mode.EXACT;

    static Mode choose(String requested, boolean instruction) {
        if (requested == null || requested.isBlank()) {
            return instruction ? Mode.HARDWARE : Mode.SEPARATE;
        }
        Mode m;
        try {
            m = Mode.valueOf(requested.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested + ": expected hardware, exact or separate");
        }
        if (m == Mode.HARDWARE && !instruction) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=hardware: this JVM has no fused multiply-add instruction (UseFMA=false)");
        }
        return m;
    }

    /** RN(a·b + c) per lane as {@link #MODE} says. */
    static DoubleVector fma(DoubleVector a, DoubleVector b, DoubleVector c) {
        return HARDWARE ? a.fma(b, c) : EXACT ? exact(a, b, c) : a.mul(b).add(c);
    }

    /** As {@link #fma(DoubleVector, DoubleVector, DoubleVector)} in float. */
    static FloatVector fma(FloatVector a, FloatVector b, FloatVector c) {
        return HARDWARE ? a.fma(b, c) : EXACT ? exact(a, b, c) : a.mul(b).add(c);
    }

    private static final double SPLIT = 0x1p27 + 1;
    private static final long SIGN = Long.MIN_VALUE;
    private static final long MAGNITUDE = Long.MAX_VALUE;
    private static final float SPLIT_F = 0x1p12f + 1;
    private static final int SIGN_F = Integer.MIN_VALUE;
    private static final int MAGNITUDE_F = Integer.MAX_VALUE;

    /** RN(a·b + c) for one double as {@link #MODE} says: the bits of the vector forms' lanes. */
    static double fma(double a, double b, double c) {
        return HARDWARE ? Math.fma(a, b, c) : EXACT ? exact(a, b, c) : a * b + c;
    }

    /** RN(a·b + c) for one double without a fused instruction: {@link #exact(DoubleVector, DoubleVector, DoubleVector)} lane by lane. */
    static double exact(double a, double b, double c) {
        double p = a * b;
        double ta = a * SPLIT;
        double ah = ta - (ta - a);
        double al = a - ah;
        double tb = b * SPLIT;
        double bh = tb - (tb - b);
        double bl = b - bh;
        double e = ah * bh - p + ah * bl + al * bh + al * bl;
        double s = c + p;
        double z = s - c;
        double t = c - (s - z) + (p - z);
        double v = t + e;
        double z2 = v - t;
        double err = t - (v - z2) + (e - z2);
        long vb = Double.doubleToRawLongBits(v);
        long eb = Double.doubleToRawLongBits(err);
        boolean inexact = (eb & MAGNITUDE) != 0;
        long ro = vb;
        if (inexact && (vb & 1L) == 0) {
            ro = (vb ^ eb) >= 0 ? vb + 1 : vb - 1;
        }
        if (inexact && (vb & MAGNITUDE) == 0) {
            ro = (eb & SIGN) | 1L;
        }
        return s + Double.longBitsToDouble(ro);
    }

    /** RN(a·b + c) per lane, without a fused instruction (see the class comment). */
    static DoubleVector exact(DoubleVector a, DoubleVector b, DoubleVector c) {
        DoubleVector p = a.mul(b);
        DoubleVector ta = a.mul(SPLIT);
        DoubleVector ah = ta.sub(ta.sub(a));
        DoubleVector al = a.sub(ah);
        DoubleVector tb = b.mul(SPLIT);
        DoubleVector bh = tb.sub(tb.sub(b));
        DoubleVector bl = b.sub(bh);
        DoubleVector e = ah.mul(bh).sub(p).add(ah.mul(bl)).add(al.mul(bh)).add(al.mul(bl)); // a·b = p + e
        DoubleVector s = c.add(p);
        DoubleVector z = s.sub(c);
        DoubleVector t = c.sub(s.sub(z)).add(p.sub(z)); // c + p = s + t
        DoubleVector v = t.add(e);
        DoubleVector z2 = v.sub(t);
        DoubleVector err = t.sub(v.sub(z2)).add(e.sub(z2)); // t + e = v + err
        LongVector vb = (LongVector) v.reinterpretAsLongs();
        LongVector eb = (LongVector) err.reinterpretAsLongs();
        VectorMask<Long> inexact = eb.and(MAGNITUDE).compare(VectorOperators.NE, 0L);
        VectorMask<Long> fix = inexact.and(vb.and(1L).compare(VectorOperators.EQ, 0L)); // inexact and even: not odd yet
        VectorMask<Long> away = vb.lanewise(VectorOperators.XOR, eb).compare(VectorOperators.GE, 0L); // err on v's side of zero
        LongVector odd = vb.sub(1L).blend(vb.add(1L), away); // the odd neighbour between v and t + e
        LongVector ro = vb.blend(odd, fix);
        VectorMask<Long> zero = inexact.and(vb.and(MAGNITUDE).compare(VectorOperators.EQ, 0L));
        ro = ro.blend(eb.and(SIGN).or(1L), zero); // v = ±0: the smallest number with err's sign
        return s.add(ro.reinterpretAsDoubles());
    }

    /** As {@link #exact(DoubleVector, DoubleVector, DoubleVector)} in float (splitting at 2^12 + 1). */
    static FloatVector exact(FloatVector a, FloatVector b, FloatVector c) {
        FloatVector p = a.mul(b);
        FloatVector ta = a.mul(SPLIT_F);
        FloatVector ah = ta.sub(ta.sub(a));
        FloatVector al = a.sub(ah);
        FloatVector tb = b.mul(SPLIT_F);
        FloatVector bh = tb.sub(tb.sub(b));
        FloatVector bl = b.sub(bh);
        FloatVector e = ah.mul(bh).sub(p).add(ah.mul(bl)).add(al.mul(bh)).add(al.mul(bl));
        FloatVector s = c.add(p);
        FloatVector z = s.sub(c);
        FloatVector t = c.sub(s.sub(z)).add(p.sub(z));
        FloatVector v = t.add(e);
        FloatVector z2 = v.sub(t);
        FloatVector err = t.sub(v.sub(z2)).add(e.sub(z2));
        IntVector vb = (IntVector) v.reinterpretAsInts();
        IntVector eb = (IntVector) err.reinterpretAsInts();
        VectorMask<Integer> inexact = eb.and(MAGNITUDE_F).compare(VectorOperators.NE, 0);
        VectorMask<Integer> fix = inexact.and(vb.and(1).compare(VectorOperators.EQ, 0));
        VectorMask<Integer> away = vb.lanewise(VectorOperators.XOR, eb).compare(VectorOperators.GE, 0);
        IntVector odd = vb.sub(1).blend(vb.add(1), away);
        IntVector ro = vb.blend(odd, fix);
        VectorMask<Integer> zero = inexact.and(vb.and(MAGNITUDE_F).compare(VectorOperators.EQ, 0));
        ro = ro.blend(eb.and(SIGN_F).or(1), zero);
        return s.add(ro.reinterpretAsFloats());
    }
}
