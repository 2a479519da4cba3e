package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CubicCnnKernel32.java must be exactly what {@link KernelGenerator} makes of CubicCnnKernel64.java.
 * With {@code -Dmlab.regenerate=true} the test rewrites the float32 source instead of failing.
 */
class KernelGeneratorTest {
    @Test
    void committedFloat32KernelIsGeneratedFromFloat64Kernel() {
        Path dir = KernelGenerator.moduleDir();
        if (Boolean.getBoolean("mlab.regenerate")) {
            boolean changed = KernelGenerator.regenerate(dir);
            System.out.println((changed ? "regenerated " : "up to date: ") + dir.resolve(KernelGenerator.TARGET));
        }
        String expected = KernelGenerator.generate(KernelGenerator.read(dir.resolve(KernelGenerator.SOURCE)));
        String actual = KernelGenerator.read(dir.resolve(KernelGenerator.TARGET));
        if (!expected.equals(actual)) {
            fail("CubicCnnKernel32.java differs from what KernelGenerator generates from CubicCnnKernel64.java "
                    + firstDifference(expected, actual) + ". Do not edit the float32 kernel by hand: edit "
                    + "CubicCnnKernel64.java (with // f32: or //#if f32 markers for lines that differ in float32) "
                    + "and regenerate from the repository root with: " + KernelGenerator.REGENERATE_COMMAND);
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return "(first at line " + (i + 1) + ": generated '" + el + "', committed '" + al + "')";
            }
        }
        return "";
    }

    private static String body(String... lines) {
        return KernelGenerator.generateBody(String.join("\n", lines), false);
    }

    @Test
    void rulesConvertArraysVectorsAndConstantsButNotScalarDoubles() {
        assertEquals(String.join("\n",
                        "final class CubicCnnKernel32 extends CubicCnnKernel {",
                        "    static final int LANES = 16;",
                        "    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, null);",
                        "    float[][] buf = new float[2][LANES];",
                        "    FloatVector v = FloatVector.zero(S); // float32, Float.SIZE",
                        "    double loss = 0; double g = s[0];"),
                body("final class CubicCnnKernel64 extends CubicCnnKernel {",
                        "    static final int LANES = 8;",
                        "    private static final VectorSpecies<Double> S = VectorSpecies.of(double.class, null);",
                        "    double[][] buf = new double[2][LANES];",
                        "    DoubleVector v = DoubleVector.zero(S); // float64, Double.SIZE",
                        "    double loss = 0; double g = s[0];"));
    }

    @Test
    void trailingMarkersKeepOrReplaceTheLine() {
        assertEquals(String.join("\n",
                        "        double[] ys;",
                        "        x = (float) y;",
                        "        // float only"),
                body("        double[] ys; // f32: keep",
                        "        x = y; // f32: x = (float) y;",
                        "        this.w = null; // f32: // float only"));
    }

    @Test
    void blocksEmitFloat32LinesAndDropFloat64Lines() {
        assertEquals(String.join("\n",
                        "a();",
                        "    float[] w = new float[3];",
                        "",
                        "        w[0] = 1;",
                        "b();",
                        "only32();",
                        "c();"),
                body("a();",
                        "    //#if f32",
                        "    // float[] w = new float[3];",
                        "    //",
                        "    //     w[0] = 1;",
                        "    //#else",
                        "    double[] w = x;",
                        "    //#end",
                        "b();",
                        "//#if f32",
                        "// only32();",
                        "//#end",
                        "c();"));
    }

    @Test
    void malformedTemplatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> body("//#if f32", "// a();"));
        assertThrows(IllegalArgumentException.class, () -> body("//#else"));
        assertThrows(IllegalArgumentException.class, () -> body("//#end"));
        assertThrows(IllegalArgumentException.class, () -> body("//#if f32", "//#if f32", "//#end", "//#end"));
        assertThrows(IllegalArgumentException.class, () -> body("//#if f64"));
        assertThrows(IllegalArgumentException.class, () -> body("//#if f32", "a();", "//#end"));
        assertThrows(IllegalArgumentException.class, () -> body("a(); // f32:"));
        assertThrows(IllegalArgumentException.class, () -> body("a();\r", "b();"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelGenerator.generate("class CubicCnnKernel64 {\n}\n"));
        assertTrue(e.getMessage().contains("LANES"), e.getMessage());
    }

    @Test
    void generatedFileStartsWithTheDoNotEditHeader() {
        String generated = KernelGenerator.generate(
                KernelGenerator.read(KernelGenerator.moduleDir().resolve(KernelGenerator.SOURCE)));
        assertTrue(generated.startsWith("// GENERATED FILE, DO NOT EDIT: generated from CubicCnnKernel64.java"),
                generated.substring(0, 200));
        assertTrue(generated.contains(KernelGenerator.REGENERATE_COMMAND));
    }
}
