package org.momentumlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * mlab compare: one self-contained page overlaying the curves of several run directories (each
 * label of each run a series, named "run: label"), with the spec keys whose values differ, as
 * {@code mlab diff} lists them for two.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Write one interactive page (HTML) overlaying the curves of several run directories, with their spec differences.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN-DIR", description = "run directories (mlab run), two or more")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", description = "the page to write (default: compare.html in the current directory)")
    Path out = Path.of("compare.html");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        if (Files.isDirectory(out)) {
            throw new SpecException("--out " + out + " is a directory: give the file to write, e.g. " + out.resolve("compare.html"));
        }
        if (!out.getFileName().toString().endsWith(".html")) {
            throw new SpecException("--out " + out + ": the page's name must end in .html");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new SpecException("--out " + out + ": directory " + parent + " does not exist");
        }
        List<RunRecord> records = new ArrayList<>();
        for (Path d : dirs) {
            records.add(RunRecord.read(d));
        }
        List<String> names = names(dirs);
        HtmlReport.writeCompare(out, records, names, differences(records, names));
        var o = cmd.commandLine().getOut();
        for (int i = 0; i < dirs.size(); i++) {
            o.println(names.get(i) + " = " + dirs.get(i) + (records.get(i).complete() ? "" : " (incomplete)"));
        }
        o.println("page: " + out.toAbsolutePath().normalize());
        return 0;
    }

    /** Each run's name in the legends: A, B, C, ... as in mlab diff (the page and the terminal list which directory each is). */
    static List<String> names(List<Path> dirs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            names.add(i < 26 ? String.valueOf((char) ('A' + i)) : "R" + (i + 1));
        }
        return names;
    }

    /** The spec keys whose values are not the same in every run: header "key", then one column per run. */
    static List<String[]> differences(List<RunRecord> records, List<String> names) {
        List<Map<String, String>> flats = records.stream().map(r -> DiffCommand.flat(r.spec().root())).toList();
        Set<String> keys = new LinkedHashSet<>();
        flats.forEach(f -> keys.addAll(f.keySet()));
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("key"));
        head.addAll(names);
        rows.add(head.toArray(String[]::new));
        for (String k : keys) {
            List<String> vals = flats.stream().map(f -> f.getOrDefault(k, "(absent)")).toList();
            if (new LinkedHashSet<>(vals).size() > 1) {
                List<String> row = new ArrayList<>(List.of(k));
                row.addAll(vals);
                rows.add(row.toArray(String[]::new));
            }
        }
        return rows;
    }
}
