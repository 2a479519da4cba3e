package org.momentumlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Spark standalone topology on the loopback address: a master and two workers (one core
 * each) as separate JVMs, started from this test's class path (SPARK_DIST_CLASSPATH, an empty
 * SPARK_HOME), and a small Table 1 sweep through them. Its tables equal the local executor's bit for
 * bit, and both workers ran executors; the same through spark-submit. Every process is stopped when
 * the tests end.
 */
class SparkStandaloneClusterTest {

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process start(Path home, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(System.getProperty("mlab.spark.jvm", "").trim().split("\\s+")));
        cmd.removeIf(String::isEmpty);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_DIST_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static final List<Process> DAEMONS = new ArrayList<>();
    private static Path tmp;
    private static String url;
    private static Path local;

    @BeforeAll
    static void startCluster() throws Exception {
        tmp = Files.createTempDirectory("mlab-spark-cluster");
        Path home = Files.createDirectories(tmp.resolve("spark-home/jars"));
        int port = freePort();
        int ui = freePort();
        DAEMONS.add(start(home.getParent(), tmp.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
        url = "spark://127.0.0.1:" + port;
        for (int w = 0; w < 2; w++) {
            Path work = Files.createDirectories(tmp.resolve("worker" + w));
            DAEMONS.add(start(home.getParent(), tmp.resolve("worker" + w + ".log"), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                    "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), url));
        }
        awaitWorkers(ui, 2, DAEMONS);
        local = SparkExecutorTest.runSweep(tmp.resolve("local"), null, new CopyOnWriteArrayList<>());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process p : DAEMONS) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** The executors each worker has launched so far (its work/app-*&#47;N directories). */
    static int executors(int worker) throws IOException {
        try (Stream<Path> apps = Files.list(tmp.resolve("worker" + worker))) {
            int n = 0;
            for (Path a : apps.filter(a -> a.getFileName().toString().startsWith("app-")).toList()) {
                try (Stream<Path> e = Files.list(a)) {
                    n += (int) e.count();
                }
            }
            return n;
        }
    }

    static void assertLocalTables(Path sweep) throws IOException {
        for (String f : List.of("aggregate.csv", "table.md", "table.csv")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(sweep.resolve(f)), f + " differs on the cluster");
        }
    }

    @Test
    void aMasterAndTwoWorkersGiveTheLocalTables() throws Exception {
        int[] before = {executors(0), executors(1)};
        System.setProperty("spark.driver.host", "127.0.0.1"); // the driver (this JVM) on the loopback address too
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        List<String> progress = new CopyOnWriteArrayList<>();
        try {
            assertLocalTables(SparkExecutorTest.runSweep(tmp.resolve("cluster"), url, progress));
        } finally {
            System.clearProperty("spark.driver.host");
            System.clearProperty("spark.driver.bindAddress");
        }
        assertEquals(8, progress.size(), progress.toString());
        for (int w = 0; w < 2; w++) {
            assertTrue(executors(w) > before[w], "worker " + w + " ran no executor");
        }
    }

    /**
     * ./mlab spark-submit's path: bin/mlab-spark-submit hands mlab sweep to an installation's
     * bin/spark-submit with MomentumLab's application class path (this module's
     * application-classpath.txt). The installation here holds the jars of this module's class path
     * that are not MomentumLab's, and its bin/spark-submit does what Spark's does (the launcher library
     * builds the driver's command); the master comes from spark-submit's --master alone.
     */
    @Test
    void sparkSubmitRunsTheSweepOnTheCluster() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        List<String> app = new ArrayList<>(List.of(module.resolve("target/classes").toString()));
        app.addAll(List.of(Files.readString(module.resolve("target/application-classpath.txt")).strip().split(":")));
        Path home = tmp.resolve("installation");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String e : Files.readString(module.resolve("target/runtime-classpath.txt")).strip().split(":")) {
            Path jar = Path.of(e);
            if (!app.contains(e) && e.endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, """
                #!/usr/bin/env bash
                # as Spark's bin/spark-class: org.apache.spark.launcher.Main prints its messages, an empty
                # line, then the driver's command NUL-separated; the launcher's exit code is appended
                cmd=(); delim=$'\\n'; started=false
                while IFS= read -d "$delim" -r a; do
                  if $started; then cmd+=("$a"); elif [ -z "$a" ]; then delim=''; started=true; else echo "$a"; fi
                done < <("$JAVA_HOME/bin/java" -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main \\
                  org.apache.spark.deploy.SparkSubmit "$@"; printf '%d\\0' $?)
                n=${#cmd[@]}
                [ "$n" -gt 1 ] && [ "${cmd[n-1]}" = 0 ] || exit 1
                exec "${cmd[@]:0:n-1}"
                """);
        assertTrue(submit.toFile().setExecutable(true));
        Path spec = tmp.resolve("small-table1.yaml");
        Files.writeString(spec, SparkExecutorTest.smallTable1().toYaml());
        int[] before = {executors(0), executors(1)};
        ProcessBuilder pb = new ProcessBuilder(module.getParent().resolve("bin/mlab-spark-submit").toString(), String.join(":", app),
                "--master", url, "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--", spec.toString(), "--out", tmp.resolve("submitted").toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("submit.log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        DAEMONS.add(p); // stopped with the cluster if it hangs
        boolean ended = p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS);
        String log = Files.readString(tmp.resolve("submit.log"));
        assertTrue(ended && p.exitValue() == 0, "spark-submit failed:\n" + log);
        assertTrue(log.contains("on Spark, master " + url), log);
        assertTrue(log.contains("[8/8]"), log);
        assertLocalTables(tmp.resolve("submitted").resolve(local.getFileName()));
        for (int w = 0; w < 2; w++) {
            assertTrue(executors(w) > before[w], "worker " + w + " ran no executor");
        }
    }

    /** Waits (up to 180 s: three JVMs start on a busy machine) until the master's status page lists {@code n} alive workers. */
    static void awaitWorkers(int ui, int n, List<Process> processes) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + 180_000_000_000L;
        String body = "";
        while (System.nanoTime() < end) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new AssertionError("a Spark daemon exited with code " + p.exitValue() + " before the workers registered");
                }
            }
            try {
                body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.replaceAll("\\s", "").contains("\"aliveworkers\":" + n)) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the master did not see " + n + " workers in 180 s: " + body);
    }
}
