package org.momentumlab.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.SpecException;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the JMH kernel benchmarks and prints the median per configuration. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the full-batch loss+gradient kernel (JMH) and print medians; --filter TrainingBenchmark measures it along a real training trajectory and under -XX:UseAVX=2|1|0.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--filter", paramLabel = "REGEX", description = "benchmarks to run (default: CubicCnnBenchmark)")
    String filter = "CubicCnnBenchmark";

    @Option(names = "--iterations", description = "measurement iterations (default: 10)")
    int iterations = 10;

    @Option(names = "--warmups", description = "warm-up iterations (default: 5)")
    int warmups = 5;

    @Option(names = "--forks", description = "JVM forks (default: 1)")
    int forks = 1;

    @Option(names = "--param", paramLabel = "NAME=V1,V2", description = "restrict a benchmark parameter, e.g. --param threads=2 --param steps=1000 (repeatable)")
    List<String> params = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws RunnerException {
        if (iterations < 1 || warmups < 0 || forks < 0) {
            throw new SpecException("--iterations must be >= 1, --warmups and --forks >= 0");
        }
        var builder = new OptionsBuilder();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new SpecException("--param '" + p + "' must have the form NAME=V1,V2");
            }
            builder.param(p.substring(0, eq), p.substring(eq + 1).split(","));
        }
        var opts = builder.include(filter).forks(forks).warmupIterations(warmups)
                .measurementIterations(iterations).warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .jvmArgsPrepend(Runtime.version().feature() >= 24
                        ? new String[] {"--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true", "--sun-misc-unsafe-memory-access=allow"}
                        : new String[] {"--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true"}).build();
        Collection<RunResult> results = new Runner(opts).run();
        if (results.isEmpty()) {
            throw new SpecException("--filter '" + filter + "' matches no benchmark");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "params", "median", "min", "max", "unit"});
        for (RunResult r : results) {
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    scores.add(it.getPrimaryResult().getScore());
                }
            }
            scores.sort(Double::compare);
            int n = scores.size();
            double median = n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
            String name = r.getParams().getBenchmark();
            StringBuilder params = new StringBuilder();
            for (String k : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : " ").append(k).append('=').append(r.getParams().getParam(k));
            }
            rows.add(new String[] {name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params.toString(),
                String.format(Locale.ROOT, "%.3f", median), String.format(Locale.ROOT, "%.3f", scores.get(0)),
                String.format(Locale.ROOT, "%.3f", scores.get(n - 1)), r.getPrimaryResult().getScoreUnit()});
        }
        var out = cmd.commandLine().getOut();
        out.println();
        out.println("SIMD path: " + org.momentumlab.model.Simd.describe());
        out.println("Medians over " + iterations + " iterations x " + Math.max(forks, 1) + " fork(s):");
        out.print(org.momentumlab.report.TextTable.render(rows));
        return 0;
    }
}
