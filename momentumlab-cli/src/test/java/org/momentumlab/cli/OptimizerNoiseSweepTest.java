package org.momentumlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sato & Iiduka's study, quick: the sweep, its correlation report and figure; at beta = 0 SHB and NSHB are the same SGD. */
class OptimizerNoiseSweepTest {

    @Test
    void quickSweepCorrelatesNoiseWithTestAccuracy(@TempDir Path tmp) throws Exception {
        MlabCliTest.Result r = MlabCliTest.mlab("sweep", "optimizer-noise-quick", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Path dir = tmp.resolve("optimizer-noise-quick");
        String md = Files.readString(dir.resolve("correlation.md"));
        assertTrue(md.contains("| SHB | 8 | 0 |") && md.contains("| NSHB | 8 | 0 |") && md.contains("| pooled | 16 | 0 |"), md);
        assertTrue(md.contains("The same against the final smoothing"), md);
        assertTrue(Files.size(dir.resolve("figures/correlation.png")) > 1000);
        // beta = 0: torch SGD without momentum and the EMA form with gamma 0 are both SGD, bit for bit
        List<String> agg = Files.readAllLines(dir.resolve("aggregate.csv"));
        for (String metric : List.of("test_acc", "noise_level_tail", "smoothing")) {
            // columns: lr, batch size, beta, optimizer, metric, mean, ...
            List<String> beta0 = agg.stream().map(l -> l.split(",")).filter(c -> c[2].equals("0") && c[4].equals(metric))
                    .map(c -> String.join(",", c[0], c[1], c[5])).toList();
            assertEquals(4 * 2, beta0.size(), metric + ": " + beta0);
            assertEquals(4, beta0.stream().distinct().count(), metric + ": shb and nshb differ at beta 0: " + beta0);
        }
        MlabCliTest.Result bad = MlabCliTest.mlab("report", dir.toString(), "--correlate", "nope,test_acc");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("mlab: --correlate: nope is not a final metric of these runs; known: ["), bad.err());
        assertTrue(!Files.exists(dir.resolve("reports")), "a refused report leaves nothing behind");

        // across sweeps, each a model: here the same sweep under a second name
        Path other = tmp.resolve("copy").resolve("second-model");
        copyTree(dir, other);
        Path across = tmp.resolve("across");
        MlabCliTest.Result x = MlabCliTest.mlab("report", dir.toString(), other.toString(), "--across", across.toString());
        assertEquals(0, x.code(), x.err());
        String xmd = Files.readString(across.resolve("correlation.md"));
        assertTrue(xmd.contains("| optimizer-noise-quick: pooled | 16 | 0 |") && xmd.contains("| second-model: SHB | 8 | 0 |")
                && xmd.contains("| all models pooled (z-scores within each model) | 32 | 0 |"), xmd);
        assertTrue(Files.size(across.resolve("figures/correlation.png")) > 1000);
        MlabCliTest.Result one = MlabCliTest.mlab("report", dir.toString(), "--across", across.toString());
        assertEquals(2, one.code());
        assertEquals("mlab: --across correlates several sweeps: give two or more sweep directories, got 1", one.err().strip());
        MlabCliTest.Result self = MlabCliTest.mlab("report", dir.toString(), other.toString(), "--across", other.toString());
        assertEquals(2, self.code());
        assertEquals("mlab: --across " + other + " is one of the sweep directories: give a directory of its own", self.err().strip());
        MlabCliTest.Result nope = MlabCliTest.mlab("report", dir.toString(), other.toString(), "--across", across.toString(), "--correlate", "test_acc,nope");
        assertEquals(2, nope.code());
        assertTrue(nope.err().startsWith("mlab: --correlate: nope is not a final metric of the runs of optimizer-noise-quick"), nope.err());
        assertTrue(!Files.exists(dir.resolve("reports")), "--across checks its metrics before any report is written");
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
