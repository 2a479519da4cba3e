package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticLanesTest {
    /** Relative agreement with java.lang.Math (a few ulps). */
    static final double TEST_ULPS = 1e-15;
    /** exp(−|z|) is floored at exp(−708) ≈ 3e−308: an absolute error far below anything that matters. */
    static final double TEST_FLOOR = 1e-300;

    static double refLoss(double z) {
        return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
    }

    /** ℓ'(f)·scale for label y, z = y·f. */
    static double refCoef(double z, double y, double scale) {
        return -y * scale / (1 + Math.exp(z));
    }

    static void check(double[] f, double[] y) {
        int lanes = f.length;
        double[] coef = new double[lanes];
        double[] loss = new double[lanes];
        LogisticLanes.evaluate(f, 0, y, 0, lanes, 3.0, coef, loss);
        for (int l = 0; l < lanes; l++) {
            double z = y[l] * f[l];
            if (y[l] == 0) {
                assertEquals(0.0, loss[l]);
                assertTrue(coef[l] == 0, "padding lane coefficient " + coef[l]);
                continue;
            }
            double lr = refLoss(z);
            double cr = refCoef(z, y[l], 3.0);
            assertTrue(Math.abs(loss[l] - lr) <= TEST_ULPS * Math.abs(lr) + TEST_FLOOR,
                    "loss at z = " + z + ": " + loss[l] + " vs " + lr);
            assertTrue(Math.abs(coef[l] - cr) <= TEST_ULPS * Math.abs(cr) + TEST_FLOOR,
                    "coef at z = " + z + ": " + coef[l] + " vs " + cr);
        }
    }

    @Test
    void matchesJavaLangMathOnEdgesAndAcrossTheRange() {
        double[] zs = {0.0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, 0.3465, -0.3467, 0.5, -0.5, 0.8813, -0.8814, 1, -1,
            2.5, -2.5, 20, -20, 36.7, -36.7, 100, -100, 700, -700, 707.9, 708.1, -708.1, 745, 1e6, -1e6};
        double[] f = new double[zs.length + 2];
        double[] y = new double[zs.length + 2];
        for (int i = 0; i < zs.length; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
            f[i] = zs[i] * y[i];
        }
        check(f, y); // 32 lanes: the two last are padding (y = 0)
        SplittableRandom rng = new SplittableRandom(7);
        for (int rep = 0; rep < 200; rep++) {
            double[] fr = new double[16];
            double[] yr = new double[16];
            for (int l = 0; l < 16; l++) {
                double scale = Math.pow(10, rng.nextDouble(-6, 2.5));
                fr[l] = (rng.nextBoolean() ? 1 : -1) * scale * rng.nextDouble();
                yr[l] = rng.nextBoolean() ? 1 : -1;
            }
            check(fr, yr);
        }
    }

    @Test
    void infinitiesAndNaNPropagateSensibly() {
        double[] f = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0, 0, 0, 0, 0};
        double[] y = {1, 1, 1, 1, -1, 0, 1, -1};
        double[] coef = new double[8];
        double[] loss = new double[8];
        LogisticLanes.evaluate(f, 0, y, 0, 8, 1.0, coef, loss);
        assertTrue(loss[0] >= 0 && loss[0] < TEST_FLOOR, "z = +inf: loss " + loss[0]);
        assertEquals(Double.POSITIVE_INFINITY, loss[1]);
        assertEquals(-1.0, coef[1]);
        assertTrue(Double.isNaN(loss[2]) && Double.isNaN(coef[2]));
        assertEquals(Math.log(2), loss[3], TEST_ULPS);
        assertEquals(-0.5, coef[3], TEST_ULPS);
        assertEquals(0.5, coef[4], TEST_ULPS);
    }

    @Test
    void vectorPassesGiveTheBitsOfTheScalarLanes() {
        // every power 2^n the exponent bits can take (z from 0 to beyond the floor at 708), both signs, padding
        SplittableRandom rng = new SplittableRandom(11);
        int lanes = 64;
        for (int rep = 0; rep < 2000; rep++) {
            double[] f = new double[lanes];
            double[] y = new double[lanes];
            for (int l = 0; l < lanes; l++) {
                double z = rep < 1000 ? rng.nextDouble(0, 720) : Math.pow(10, rng.nextDouble(-12, 3));
                y[l] = l == rep % lanes ? 0 : rng.nextBoolean() ? 1 : -1;
                f[l] = (rng.nextBoolean() ? z : -z) * (y[l] == 0 ? 1 : y[l]);
            }
            double[] coef = new double[lanes];
            double[] loss = new double[lanes];
            LogisticLanes.evaluate(f, 0, y, 0, lanes, 3.0, coef, loss);
            double[] coefLane = new double[lanes];
            double[] lossLane = new double[lanes];
            for (int l = 0; l < lanes; l++) {
                LogisticLanes.evaluateLane(f, 0, y, 0, l, 3.0, coefLane, lossLane);
                assertEquals(Double.doubleToRawLongBits(lossLane[l]), Double.doubleToRawLongBits(loss[l]), "loss at f = " + f[l] + ", y = " + y[l]);
                assertEquals(Double.doubleToRawLongBits(coefLane[l]), Double.doubleToRawLongBits(coef[l]), "coef at f = " + f[l] + ", y = " + y[l]);
            }
        }
    }
}
