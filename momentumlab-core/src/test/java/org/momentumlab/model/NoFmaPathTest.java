package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * On a JVM without a fused multiply-add instruction ({@code -XX:UseAVX=0} on x86) the kernels emulate
 * it exactly: a forked JVM so configured gives the same losses and gradients, bit for bit, as this one.
 */
class NoFmaPathTest {

    /** Digest of losses and gradients of both precisions at a few weights, full batch and a mini-batch. */
    static String digest() throws Exception {
        PatchDataSpec spec = new PatchDataSpec(300, 1, 3, 8, 3.0, 0.3, 0.2, 1.3, PatchDataSpec.FeatureDirection.BASIS);
        PatchDataset data = PatchDataGenerator.generate(spec, 1).train();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        int[] batch = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
        try (ComputePool pool = new ComputePool(2)) {
            for (Precision pr : Precision.values()) {
                CubicCnn f = new CubicCnn(data, 4, 0, pr, pool);
                for (double scale : new double[] {0.05, 0.5, 2.0}) {
                    double[] w = CubicCnn.initialWeights(f.dimension(), scale, 2);
                    double[] g = new double[w.length];
                    md.update(b.clear().putDouble(f.valueAndGradient(w, g)).array());
                    for (double v : g) {
                        md.update(b.clear().putDouble(v).array());
                    }
                    md.update(b.clear().putDouble(f.valueAndGradient(w, g, batch, 0, batch.length)).array());
                    for (double v : g) {
                        md.update(b.clear().putDouble(v).array());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Prints {@link #digest()} and whether FMA is in hardware (run in the forked JVM). */
    public static void main(String[] args) throws Exception {
        System.out.println(Fma.HARDWARE + " " + digest());
    }

    @Test
    void emulatedFmaGivesTheBitsOfTheInstruction() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=0", "-cp", System.getProperty("java.class.path"), NoFmaPathTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String[] parts = out.split(" ");
        if (System.getProperty("os.arch").matches("amd64|x86_64")) {
            assertEquals("false", parts[0], "-XX:UseAVX=0 leaves the JVM without FMA");
        }
        assertEquals(digest(), parts[1]);
    }
}
