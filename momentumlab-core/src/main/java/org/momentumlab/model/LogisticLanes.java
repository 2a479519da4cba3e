package org.momentumlab.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The logistic loss and its derivative for a block of examples at once, in double, with SIMD.
 *
 * <p>Per lane, with z = y·f and e = exp(−|z|): loss ℓ = max(−z, 0) + log1p(e) (never overflows) and
 * coef = −y·σ(−z)·scale with σ(−z) = (z ≥ 0 ? e : 1)/(1 + e). A label y = 0 marks padding: loss 0,
 * coef 0.
 *
 * <p>exp and log1p are evaluated here with basic IEEE operations only (add, multiply, fused
 * multiply-add, divide, compare, bit moves, an integer add and shift into the exponent bits): exp by
 * Cody–Waite reduction x = n·ln2 + r and a degree-12 Taylor polynomial, log1p by
 * log1p(x) = 2·atanh(x/(2 + x)) on |x/(2 + x)| ≤ 0.172 (after log1p(e) = ln2 + log1p((e − 1)/2) for
 * e &gt; √2 − 1). Both are within a few ulps (the tests compare with {@link Math#exp} and
 * {@link Math#log1p}). Unlike the Vector
 * API's lanewise EXP/LOG1P (whose compiled and interpreted forms may round differently), every
 * operation used here is correctly rounded, so the result is the same in the interpreter and in
 * compiled code, on any vector width, and for any thread count.
 */
final class LogisticLanes {
    private static final VectorSpecies<Double> S = species();
    private static final int L = S.length();

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LN2 = 0.6931471805599453;
    private static final double SHIFTER = 0x1.8p52;
    /** exp(x) for x below this is replaced by exp(−708) ≈ 3e−308 (harmless next to 1 and to |z|). */
    private static final double EXP_MIN = -708.0;
    private static final double SQRT2_MINUS_1 = 0.41421356237309503;

    private LogisticLanes() {
    }

    /** a·b + c as {@link Fma#MODE} says: one rounding on CPUs with FMA. */
    private static DoubleVector fma(DoubleVector a, DoubleVector b, DoubleVector c) {
        return Fma.fma(a, b, c);
    }

    private static VectorSpecies<Double> species() {
        VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        return s.length() <= 8 ? s : VectorSpecies.of(double.class, VectorShape.forBitSize(512));
    }

    /**
     * For lanes l in [0, lanes) (a multiple of 8): {@code lossOut[l]} = ℓ(y_l·f_l) and
     * {@code coef[l]} = scale·ℓ'(f_l), with f_l = f[fo + l] and y_l = y[yo + l]. The lanes are
     * independent, so several vectors per call overlap their latencies.
     *
     * <p>Two passes that exchange e through {@code lossOut}, so that no vector crosses a method boundary
     * (the JIT would box it where it does not inline; one method for both would exceed what C2 inlines
     * into one compilation). The vector path runs only where {@link Simd#MASKS} (x86 from AVX2 on, and
     * other CPUs), which also compiles the 64-bit integer add and shift that build 2^n.
     */
    static void evaluate(double[] f, int fo, double[] y, int yo, int lanes, double scale, double[] coef, double[] lossOut) {
        if (!Simd.MASKS) {
            for (int l = 0; l < lanes; l++) {
                evaluateLane(f, fo, y, yo, l, scale, coef, lossOut);
            }
            return;
        }
        for (int lo = 0; lo < lanes; lo += L) {
            expAndCoef(f, fo, y, yo, lo, scale, coef, lossOut);
        }
        for (int lo = 0; lo < lanes; lo += L) {
            lossFromExp(f, fo, y, yo, lo, lossOut);
        }
    }

    /**
     * {@link #evaluate} for lane l in scalar code, operation for operation as the vector passes (so the
     * same bits), for JVMs that do not compile vector compares and blends ({@link Simd#MASKS}).
     */
    static void evaluateLane(double[] f, int fo, double[] y, int yo, int l, double scale, double[] coef, double[] lossOut) {
        double yv = y[yo + l];
        double z = yv * f[fo + l];
        double x = Math.max(-Math.abs(z), EXP_MIN);
        double n = Fma.fma(x, LOG2E, SHIFTER) - SHIFTER;
        double r = Fma.fma(n, -LN2_HI, x);
        r = Fma.fma(n, -LN2_LO, r);
        double q = 1.0 / 479001600;
        q = Fma.fma(q, r, 1.0 / 39916800);
        q = Fma.fma(q, r, 1.0 / 3628800);
        q = Fma.fma(q, r, 1.0 / 362880);
        q = Fma.fma(q, r, 1.0 / 40320);
        q = Fma.fma(q, r, 1.0 / 5040);
        q = Fma.fma(q, r, 1.0 / 720);
        q = Fma.fma(q, r, 1.0 / 120);
        q = Fma.fma(q, r, 1.0 / 24);
        q = Fma.fma(q, r, 1.0 / 6);
        q = Fma.fma(q, r, 0.5);
        q = Fma.fma(q, r, 1.0);
        q = Fma.fma(q, r, 1.0);
        double e = q * Double.longBitsToDouble((long) (n + 1023) << 52);
        double sigma = (z >= 0.0 ? e : 1.0) / (e + 1.0);
        coef[l] = yv * -scale * sigma;
        boolean big = e > SQRT2_MINUS_1;
        double xx = big ? (e - 1.0) * 0.5 : e;
        double s = xx / (xx + 2.0);
        double w = s * s;
        double p = 1.0 / 21;
        p = Fma.fma(p, w, 1.0 / 19);
        p = Fma.fma(p, w, 1.0 / 17);
        p = Fma.fma(p, w, 1.0 / 15);
        p = Fma.fma(p, w, 1.0 / 13);
        p = Fma.fma(p, w, 1.0 / 11);
        p = Fma.fma(p, w, 1.0 / 9);
        p = Fma.fma(p, w, 1.0 / 7);
        p = Fma.fma(p, w, 1.0 / 5);
        p = Fma.fma(p, w, 1.0 / 3);
        double twoS = s + s;
        double log1p = Fma.fma(twoS * w, p, twoS) + (big ? LN2 : 0.0);
        double loss = Math.max(-z, 0.0) + log1p;
        lossOut[l] = yv == 0.0 ? 0.0 : loss;
    }

    /**
     * e = exp(−|y·f|) and coef = −scale·y·σ(−y·f) for one vector of lanes, in registers; e into
     * {@code eOut}. For x = −|y·f| (at least −708): n = round(x·log2 e), r = x − n·ln2 (Cody–Waite, two
     * FMAs), q = exp(r) by its degree-12 Taylor polynomial (|r| ≤ 0.35, truncation below 2e−16), and
     * e = q·2^n with the power built in its exponent bits (exact: e ≥ exp(−708) is normal); then
     * σ(−z) = (z ≥ 0 ? e : 1)/(1 + e). Written inline: a vector passed to or returned from a method the
     * JIT does not inline would be boxed.
     */
    private static void expAndCoef(double[] f, int fo, double[] y, int yo, int lo, double scale, double[] coef, double[] eOut) {
        DoubleVector yv = DoubleVector.fromArray(S, y, yo + lo);
        DoubleVector z = yv.mul(DoubleVector.fromArray(S, f, fo + lo));
        DoubleVector x = z.abs().neg().max(EXP_MIN);
        DoubleVector kd = fma(x, DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER)); // SHIFTER + round(x·log2 e)
        DoubleVector n = kd.sub(SHIFTER);
        DoubleVector r = fma(n, DoubleVector.broadcast(S, -LN2_HI), x);
        r = fma(n, DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector q = DoubleVector.broadcast(S, 1.0 / 479001600); // 1/12!
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 39916800));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 3628800));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 362880));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 40320));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 5040));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 720));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 120));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 24));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0 / 6));
        q = fma(q, r, DoubleVector.broadcast(S, 0.5));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0));
        q = fma(q, r, DoubleVector.broadcast(S, 1.0));
        // kd = 1.5·2^52 + n exactly, so the low 12 bits of bits(kd) + 1023 are n + 1023 (n in [−1022, 0])
        DoubleVector pow = kd.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector e = q.mul(pow);
        VectorMask<Double> nonNegative = z.compare(VectorOperators.GE, 0.0);
        DoubleVector sigma = DoubleVector.broadcast(S, 1.0).blend(e, nonNegative).div(e.add(1.0));
        yv.mul(-scale).mul(sigma).intoArray(coef, lo);
        e.intoArray(eOut, lo);
    }

    /**
     * Replaces e in {@code eInLossOut} by the loss max(−z, 0) + log1p(e) (0 where y = 0), for one
     * vector of lanes. log1p(e), e in [0, 1]: for e &gt; √2 − 1, log1p(e) = ln2 + log1p((e − 1)/2);
     * then log1p(x) = 2·atanh(s), s = x/(2 + x), |s| ≤ 0.172, by its odd series to s^21 (truncation
     * below 3e−17). Written inline, like {@link #expAndCoef}.
     */
    private static void lossFromExp(double[] f, int fo, double[] y, int yo, int lo, double[] eInLossOut) {
        DoubleVector yv = DoubleVector.fromArray(S, y, yo + lo);
        DoubleVector z = yv.mul(DoubleVector.fromArray(S, f, fo + lo));
        DoubleVector e = DoubleVector.fromArray(S, eInLossOut, lo);
        VectorMask<Double> big = e.compare(VectorOperators.GT, SQRT2_MINUS_1);
        DoubleVector x = e.blend(e.sub(1.0).mul(0.5), big);
        DoubleVector s = x.div(x.add(2.0));
        DoubleVector w = s.mul(s);
        DoubleVector q = DoubleVector.broadcast(S, 1.0 / 21);
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 19));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 17));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 15));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 13));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 11));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 9));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 7));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 5));
        q = fma(q, w, DoubleVector.broadcast(S, 1.0 / 3));
        DoubleVector twoS = s.add(s);
        DoubleVector log1p = fma(twoS.mul(w), q, twoS).add(DoubleVector.zero(S).blend(LN2, big)); // 2s + 2s·w·q (+ ln2)
        DoubleVector loss = z.neg().max(0.0).add(log1p);
        loss.blend(0.0, yv.compare(VectorOperators.EQ, 0.0)).intoArray(eInLossOut, lo);
    }
}
