package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a run directory came from (Tribuo-style): project version and git commit, JVM, OS, CPU
 * count, threads, seeds, start and end time, and the command line. With spec.yaml it is enough to
 * re-create the run.
 */
public record Provenance(String version, String gitCommit, String command, int threads, List<Long> seeds,
                         Instant start, Instant end) {

    /** The project version from the build, or "unknown". */
    public static String projectVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/momentumlab.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** HEAD of the git repository containing the working directory, or "unknown". */
    public static String currentGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("project", "MomentumLab");
        n.put("version", version);
        n.put("git_commit", gitCommit);
        n.put("command", command);
        n.put("java_version", System.getProperty("java.version"));
        n.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        n.put("java_vendor", System.getProperty("java.vendor"));
        n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        n.put("cpus", Runtime.getRuntime().availableProcessors());
        n.put("threads", threads);
        var s = n.putArray("seeds");
        seeds.forEach(s::add);
        n.put("seed_streams", "each run's data, teacher and initialization are drawn from its seed by name: data/train, data/test,"
                + " data/w_star, teacher/init, model/init, train/batches (org.momentumlab.util.Seeds); with spec.yaml they re-create the run");
        n.put("start", start.toString());
        n.put("end", end.toString());
        return n;
    }
}
