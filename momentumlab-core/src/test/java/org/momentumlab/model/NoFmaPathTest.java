package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.momentumlab.data.PatchDataGenerator;
import org.momentumlab.data.PatchDataSpec;
import org.momentumlab.data.PatchDataset;
import org.momentumlab.util.ComputePool;

/**
 * On a JVM without a fused multiply-add instruction ({@code -XX:UseAVX=0} on x86) the kernels use a
 * separate multiply and add by default, with the same bits on every vector width; asked to
 * ({@code -Dmlab.fma=exact}) they emulate the instruction exactly: a forked JVM so configured gives
 * the same losses and gradients, bit for bit, as one with the instruction.
 */
class NoFmaPathTest {

    /** Digest of losses and gradients of both precisions at a few weights, full batch and a mini-batch. */
    static String digest() throws Exception {
        PatchDataSpec spec = new PatchDataSpec(300, 1, 3, 8, 3.0, 0.3, 0.2, 1.3, PatchDataSpec.FeatureDirection.BASIS);
        PatchDataset data = PatchDataGenerator.generate(spec, 1).train();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[] batch = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
        try (ComputePool pool = new ComputePool(2)) {
            for (Precision pr : Precision.values()) {
                CubicCnn f = new CubicCnn(data, 4, 0, pr, pool);
                for (double scale : new double[] {0.05, 0.5, 2.0}) {
                    digestCalls(md, f, CubicCnn.initialWeights(f.dimension(), scale, 2), batch);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Adds the bits of f's loss and gradient at w, full batch and on {@code batch}, to {@code md}. */
    static void digestCalls(MessageDigest md, CubicCnn f, double[] w, int[] batch) {
        double[] g = new double[w.length];
        update(md, f.valueAndGradient(w, g));
        update(md, g);
        update(md, f.valueAndGradient(w, g, batch, 0, batch.length));
        update(md, g);
    }

    /** Adds the bits of {@code values} to {@code md}, 8 big-endian bytes each. */
    static void update(MessageDigest md, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8);
        for (double v : values) {
            md.update(b.clear().putDouble(v).array());
        }
    }

    /** Prints the arithmetic and {@link #digest()} (run in the forked JVM). */
    public static void main(String[] args) throws Exception {
        System.out.println(Fma.MODE + " " + digest());
    }

    /** Runs {@link #main} in a forked JVM with the given options; returns its two words. */
    private static String[] fork(String... options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-XX:+IgnoreUnrecognizedVMOptions"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NoFmaPathTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out.split(" ");
    }

    private static boolean x86() {
        return System.getProperty("os.arch").matches("amd64|x86_64");
    }

    @Test
    void emulatedFmaGivesTheBitsOfTheInstruction() throws Exception {
        String[] parts = fork("-XX:UseAVX=0", "-Dmlab.fma=exact");
        assertEquals("EXACT", parts[0]);
        assumeTrue(Fma.HARDWARE, "this JVM has no FMA instruction to compare with");
        assertEquals(digest(), parts[1]);
    }

    @Test
    void withoutFmaTheSeparateArithmeticIsTheSameOnEveryVectorWidth() throws Exception {
        String[] noAvx = fork("-XX:UseAVX=0");
        if (x86()) {
            assertEquals("SEPARATE", noAvx[0], "-XX:UseAVX=0 leaves the JVM without FMA: separate multiply and add by default");
        }
        String[] wide = fork("-Dmlab.fma=separate");
        assertEquals("SEPARATE", wide[0]);
        assertEquals(noAvx[1], wide[1], "128-bit vectors (UseAVX=0) and this CPU's widest give the same bits");
        assumeTrue(Fma.HARDWARE);
        assertNotEquals(digest(), wide[1], "two roundings give other last bits than the fused instruction");
    }

    @Test
    void perLaneTestsInScalarCodeGiveTheBitsOfTheVectorForm() throws Exception {
        assumeTrue(x86() && Fma.HARDWARE && Simd.MASKS, "needs an x86 JVM with FMA and vector blends");
        String[] avx1 = fork("-XX:UseAVX=1"); // FMA, but no double-vector compares or blends: the per-lane code
        assertEquals("HARDWARE", avx1[0]);
        assertEquals(digest(), avx1[1]);
        assertEquals(false, Simd.masks("1"));
        assertEquals(true, Simd.masks("3"));
    }

    @Test
    void aModeTheJvmCannotDoOrDoesNotKnowIsRefused() {
        assertEquals(Fma.Mode.SEPARATE, Fma.choose(null, false));
        assertEquals(Fma.Mode.HARDWARE, Fma.choose("", true));
        assertEquals(Fma.Mode.EXACT, Fma.choose("Exact", true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fma.choose("hardware", false));
        assertEquals("-Dmlab.fma=hardware: this JVM has no fused multiply-add instruction (UseFMA=false)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fma.choose("fast", true));
        assertEquals("-Dmlab.fma=fast: expected hardware, exact or separate", e.getMessage());
    }
}
