package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The FMA emulation for CPUs without the instruction gives the bits of a true fused multiply-add. */
class FmaTest {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Test
    void doubleEmulationIsTheCorrectlyRoundedFusedMultiplyAdd() {
        SplittableRandom r = new SplittableRandom(7);
        int lanes = D.length();
        double[] a = new double[lanes];
        double[] b = new double[lanes];
        double[] c = new double[lanes];
        double[] out = new double[lanes];
        for (int trial = 0; trial < 400_000; trial++) {
            for (int l = 0; l < lanes; l++) {
                a[l] = value(r, 60);
                b[l] = value(r, 60);
                // every fourth lane cancels a·b almost exactly, where a second rounding would show
                c[l] = switch (trial % 4) {
                    case 0 -> -a[l] * b[l];
                    case 1 -> -a[l] * b[l] * (1 + Math.ulp(1.0) * r.nextInt(-4, 5));
                    case 2 -> value(r, 2) * Math.abs(a[l] * b[l]) * Math.ulp(1.0);
                    default -> value(r, 60);
                };
            }
            Fma.exact(DoubleVector.fromArray(D, a, 0), DoubleVector.fromArray(D, b, 0), DoubleVector.fromArray(D, c, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                long expected = Double.doubleToRawLongBits(Math.fma(a[l], b[l], c[l]));
                assertEquals(expected, Double.doubleToRawLongBits(out[l]), () -> a[0] + " " + b[0] + " " + c[0]);
                assertEquals(expected, Double.doubleToRawLongBits(Fma.exact(a[l], b[l], c[l])), "scalar form"); // the per-lane paths' form
            }
        }
    }

    @Test
    void floatEmulationIsTheCorrectlyRoundedFusedMultiplyAdd() {
        SplittableRandom r = new SplittableRandom(11);
        int lanes = F.length();
        float[] a = new float[lanes];
        float[] b = new float[lanes];
        float[] c = new float[lanes];
        float[] out = new float[lanes];
        for (int trial = 0; trial < 400_000; trial++) {
            for (int l = 0; l < lanes; l++) {
                a[l] = (float) value(r, 20);
                b[l] = (float) value(r, 20);
                c[l] = switch (trial % 4) {
                    case 0 -> -a[l] * b[l];
                    case 1 -> -a[l] * b[l] * (1 + Math.ulp(1.0f) * r.nextInt(-4, 5));
                    case 2 -> (float) (value(r, 2) * Math.abs(a[l] * b[l]) * Math.ulp(1.0f));
                    default -> (float) value(r, 20);
                };
            }
            Fma.exact(FloatVector.fromArray(F, a, 0), FloatVector.fromArray(F, b, 0), FloatVector.fromArray(F, c, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                assertEquals(Float.floatToRawIntBits(Math.fma(a[l], b[l], c[l])), Float.floatToRawIntBits(out[l]),
                        a[l] + " " + b[l] + " " + c[l]);
            }
        }
    }

    /** ± m·2^e with a random 53-bit mantissa and e in [−range, range]. */
    static double value(SplittableRandom r, int range) {
        double m = 1 + r.nextDouble();
        return (r.nextBoolean() ? -1 : 1) * Math.scalb(m, r.nextInt(-range, range + 1));
    }
}
