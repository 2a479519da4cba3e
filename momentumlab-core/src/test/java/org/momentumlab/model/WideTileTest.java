package org.momentumlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * With 512-bit vectors the kernels' forward pass takes five patches at a time against three or two
 * neurons ({@code CubicCnnKernel64.forwardWide}); with narrower vectors, one or two patches against four
 * or one. A JVM told to use 256-bit vectors ({@code -XX:UseAVX=2}) must give this JVM's losses,
 * gradients and outputs bit for bit, on shapes that exercise every wide tile (three, two and one
 * neurons; patch counts that are and are not multiples of five).
 */
class WideTileTest {

    /** Digest of losses, gradients and outputs of both precisions for several shapes (m neurons, P patches). */
    static String digest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[][] shapes = {{5, 5}, {7, 5}, {4, 7}, {1, 10}, {6, 11}, {3, 4}};
        int[] batch = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
        try (ComputePool pool = new ComputePool(2)) {
            for (int[] shape : shapes) {
                int m = shape[0];
                int p = shape[1];
                PatchDataSpec spec = new PatchDataSpec(301, 1, p, 9, 3.0, 0.3, 0.2, 1.3, PatchDataSpec.FeatureDirection.BASIS);
                PatchDataset data = PatchDataGenerator.generate(spec, 5).train();
                for (Precision pr : Precision.values()) {
                    CubicCnn f = new CubicCnn(data, m, 0, pr, pool);
                    double[] w = CubicCnn.initialWeights(f.dimension(), 0.4, 3);
                    NoFmaPathTest.digestCalls(md, f, w, batch);
                    double[] out = new double[data.size()];
                    f.outputs(w, out);
                    NoFmaPathTest.update(md, out);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Prints whether the wide tile is in use and {@link #digest()} (run in the forked JVM). */
    public static void main(String[] args) throws Exception {
        System.out.println(CubicCnnKernel64.WIDE + " " + digest());
    }

    @Test
    void narrowVectorsGiveTheBitsOfTheWideTile() throws Exception {
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64") && CubicCnnKernel64.WIDE && Fma.HARDWARE,
                "needs an x86 JVM with 512-bit vectors and FMA");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-XX:UseAVX=2",
                "-cp", System.getProperty("java.class.path"), WideTileTest.class.getName());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(proc.getInputStream().readAllBytes()).trim();
        assertTrue(proc.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, proc.exitValue(), out);
        String[] parts = out.split(" ");
        assertEquals("false", parts[0], "-XX:UseAVX=2 gives 256-bit vectors: the narrow tiles");
        assertEquals(digest(), parts[1]);
    }
}
