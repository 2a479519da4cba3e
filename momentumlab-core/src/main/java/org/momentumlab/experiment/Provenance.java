package org.momentumlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a run directory came from (Tribuo-style): the project version and the git commit of the
 * project's own source tree (with a flag for uncommitted changes), the SHA-256 of the resolved spec,
 * the SIMD vector shape, the JVM, OS and CPU count, threads, seeds, start and end, and the command.
 * With spec.yaml it is enough to re-create the run; {@link #read} reads it back for {@code mlab diff}.
 */
public record Provenance(String version, String gitCommit, String gitDirty, String command, int threads, List<Long> seeds,
                         Instant start, Instant end, String specSha256, String simd, String javaVersion, String javaVm,
                         String javaVendor, String os, int cpus, java.util.Map<String, Double> phases) {

    public Provenance {
        seeds = List.copyOf(seeds);
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /** The provenance of an invocation on this machine, now; {@code end} may be null while it runs. */
    public static Provenance capture(String command, int threads, List<Long> seeds, Instant start, Instant end, String specYaml) {
        String[] git = sourceCommit();
        return new Provenance(projectVersion(), git[0], git[1], command, threads, seeds, start, end, sha256(specYaml),
                org.momentumlab.model.Simd.describe(), System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), java.util.Map.of());
    }

    /** This provenance ended at {@code t}, its time split into {@code phaseSeconds}. */
    public Provenance ended(Instant t, java.util.Map<String, Double> phaseSeconds) {
        return new Provenance(version, gitCommit, gitDirty, command, threads, seeds, start, t, specSha256, simd, javaVersion, javaVm,
                javaVendor, os, cpus, phaseSeconds);
    }

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

    /**
     * The git HEAD of the source tree this code was built from (found from where the classes are,
     * not from the working directory), and "true"/"false" for uncommitted changes to tracked
     * files; "unknown" for both outside a git checkout.
     */
    static String[] sourceCommit() {
        String[] c = SOURCE_COMMIT;
        if (c == null) {
            c = findSourceCommit();
            SOURCE_COMMIT = c;
        }
        return c.clone();
    }

    private static volatile String[] SOURCE_COMMIT;

    private static String[] findSourceCommit() {
        try {
            File where = new File(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            File dir = where.isDirectory() ? where : where.getParentFile();
            String head = git(dir, "rev-parse", "HEAD");
            if (head == null || !head.matches("[0-9a-f]{40}")) {
                return new String[] {"unknown", "unknown"};
            }
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return new String[] {head, status == null ? "unknown" : Boolean.toString(!status.isEmpty())};
        } catch (Exception e) {
            return new String[] {"unknown", "unknown"};
        }
    }

    private static String git(File dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.getPath()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : null;
    }

    /** Hex SHA-256 of the text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("project", "MomentumLab");
        n.put("version", version);
        n.put("git_commit", gitCommit);
        n.put("git_dirty", gitDirty);
        n.put("command", command);
        n.put("spec_sha256", specSha256);
        n.put("simd", simd);
        n.put("java_version", javaVersion);
        n.put("java_vm", javaVm);
        n.put("java_vendor", javaVendor);
        n.put("os", os);
        n.put("cpus", cpus);
        n.put("threads", threads);
        var s = n.putArray("seeds");
        seeds.forEach(s::add);
        n.put("seed_streams", "each run's data, teacher and initialization are drawn from its seed by name: data/train, data/test,"
                + " data/w_star, teacher/init, model/init, train/batches (org.momentumlab.util.Seeds); with spec.yaml they re-create the run");
        n.put("start", start.toString());
        if (end != null) {
            n.put("end", end.toString());
        } else {
            n.putNull("end");
        }
        var ph = n.putObject("phase_seconds");
        phases.forEach(ph::put);
        return n;
    }

    /** Reads a provenance.json; a missing field reads as "unknown" (or 0), so older files read too. */
    public static Provenance read(Path file) {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new SpecException("cannot read " + file + ": " + e.getMessage().split("\n")[0]);
        }
        if (n == null || !n.isObject()) {
            throw new SpecException(file + " is not a provenance file");
        }
        List<Long> seeds = new ArrayList<>();
        if (n.has("seeds")) {
            n.get("seeds").forEach(x -> seeds.add(x.asLong()));
        }
        return new Provenance(text(n, "version"), text(n, "git_commit"), text(n, "git_dirty"), text(n, "command"),
                n.path("threads").asInt(0), seeds, instant(n, "start"), instant(n, "end"), text(n, "spec_sha256"), text(n, "simd"),
                text(n, "java_version"), text(n, "java_vm"), text(n, "java_vendor"), text(n, "os"), n.path("cpus").asInt(0), phases(n));
    }

    private static java.util.Map<String, Double> phases(JsonNode n) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        n.path("phase_seconds").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? "unknown" : v.asText();
    }

    private static Instant instant(JsonNode n, String k) {
        JsonNode v = n.get(k);
        try {
            return v == null || v.isNull() ? null : Instant.parse(v.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
