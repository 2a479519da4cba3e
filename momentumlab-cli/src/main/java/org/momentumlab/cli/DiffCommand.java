package org.momentumlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.RunLabel;
import org.momentumlab.experiment.RunSeries;
import org.momentumlab.experiment.rundir.RunRecord;
import org.momentumlab.experiment.rundir.Summary;
import org.momentumlab.experiment.spec.SpecDocs;
import org.momentumlab.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * mlab diff: what differs between two run directories: the resolved specs (key by key), the
 * provenance (commit, spec hash, SIMD shape, JVM, OS, threads, seeds, command; not the times) and
 * the final metrics over seeds (mean per label and metric).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "List the spec, provenance and final-metric differences between two run directories.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN-A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN-B")
    Path b;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        RunRecord ra = RunRecord.read(a);
        RunRecord rb = RunRecord.read(b);
        var out = cmd.commandLine().getOut();
        out.println("A = " + a + (ra.complete() ? "" : " (incomplete)"));
        out.println("B = " + b + (rb.complete() ? "" : " (incomplete)"));
        section(out, "spec", differences(flat(ra.spec().root()), flat(rb.spec().root())));
        Map<String, String> pa = flat(ra.provenance().toJson());
        Map<String, String> pb = flat(rb.provenance().toJson());
        for (String k : List.of("start", "end")) {
            pa.remove(k);
            pb.remove(k);
        }
        section(out, "provenance", differences(pa, pb));
        section(out, "final metrics (mean over seeds)", metricDifferences(ra.runs(), rb.runs()));
        return 0;
    }

    private static void section(java.io.PrintWriter out, String title, List<String[]> rows) {
        out.println();
        if (rows.size() == 1) {
            out.println(title + ": no differences");
            return;
        }
        out.println(title + ": " + (rows.size() - 1) + " difference(s)");
        out.print(TextTable.render(rows, false));
    }

    static Map<String, String> flat(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        SpecDocs.leaves(n, "", (k, v) -> out.put(k, v.isValueNode() ? v.asText() : v.toString()));
        return out;
    }

    static List<String[]> differences(Map<String, String> a, Map<String, String> b) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"key", "A", "B"});
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String x = a.getOrDefault(k, "(absent)");
            String y = b.getOrDefault(k, "(absent)");
            if (!x.equals(y)) {
                rows.add(new String[] {k, x, y});
            }
        }
        return rows;
    }

    static List<String[]> metricDifferences(List<RunSeries> a, List<RunSeries> b) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"label", "metric", "A", "B", "B - A"});
        Map<RunLabel, List<RunSeries>> ga = Summary.byLabel(a);
        Map<RunLabel, List<RunSeries>> gb = Summary.byLabel(b);
        Set<RunLabel> labels = new LinkedHashSet<>(ga.keySet());
        labels.addAll(gb.keySet());
        for (RunLabel l : labels) {
            List<RunSeries> la = ga.getOrDefault(l, List.of());
            List<RunSeries> lb = gb.getOrDefault(l, List.of());
            Set<String> metrics = new LinkedHashSet<>(Summary.metrics(la));
            metrics.addAll(Summary.metrics(lb));
            for (String m : metrics) {
                double x = Summary.finalStats(la, m).mean();
                double y = Summary.finalStats(lb, m).mean();
                if (Double.compare(x, y) != 0) {
                    rows.add(new String[] {l.id(), m, show(x), show(y), Double.isFinite(x) && Double.isFinite(y) ? Num.sig(y - x, 4) : "-"});
                }
            }
        }
        return rows;
    }

    private static String show(double v) {
        return Double.isNaN(v) ? "(none)" : Num.sig(v, 6);
    }
}
