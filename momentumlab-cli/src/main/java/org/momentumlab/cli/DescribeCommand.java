package org.momentumlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.Spec;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.spec.SpecDocs;
import org.momentumlab.experiment.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * mlab describe: every field of the resolved spec with its value, its meaning (from the spec
 * records) and its source (from the spec's {@code sources}), wrapped to the terminal.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print the resolved spec: every parameter, its value, meaning and source.")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET|SPEC.yaml")
    String target;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS", description = "seeds: a range 0..4 or a list 0,3,7")
    String seeds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        SpecTree tree = SpecSource.tree(target, overrides, seeds);
        SweepPlan plan = SweepPlan.of(tree, List.of(0L));
        Spec<?> spec = ExperimentKinds.bindSpecOnly(plan.base());
        Map<String, String> meaning = new LinkedHashMap<>(SpecDocs.meanings(spec.header(), ""));
        meaning.putAll(SpecDocs.meanings(spec.body(), ""));
        Map<String, String> sources = spec.header().sources();
        List<String[]> rows = new ArrayList<>();
        SpecDocs.leaves(spec.resolved(), "", (key, value) -> {
            if (!key.startsWith("sources.") && !key.equals("sources") && !key.equals("description") && !key.startsWith("claims")) {
                rows.add(new String[] {key, value(value), lookup(meaning, key, ""), lookup(sources, key, null)});
            }
        });
        var out = cmd.commandLine().getOut();
        int width = Terminal.width();
        Terminal.wrap(spec.name() + " (" + spec.kind().id() + "): " + spec.description(), width).forEach(out::println);
        if (!plan.grid().isEmpty()) {
            out.println("sweep grid (mlab sweep): " + plan.grid().keySet() + ", " + plan.points().size() + " points x "
                    + spec.seeds().size() + " seeds");
        }
        out.println("(a field without a source line keeps its default or the spec's value as written)");
        out.println();
        print(out, rows, width);
        var claims = org.momentumlab.report.Claims.of(tree);
        if (!claims.isEmpty()) {
            out.println();
            out.println("claims (" + (plan.grid().isEmpty() ? "mlab run" : "mlab sweep") + " checks them over the seeds; mlab reproduce runs every preset's):");
            for (var c : claims) {
                Terminal.wrap(c.name() + " (" + c.source() + "): " + c.statement(), width - 2).forEach(l -> out.println("  " + l));
                Terminal.wrap("check: " + org.momentumlab.report.Claims.criterion(c.check()), width - 4).forEach(l -> out.println("    " + l));
                if (!c.published().isEmpty()) {
                    Terminal.wrap("published: " + c.published(), width - 4).forEach(l -> out.println("    " + l));
                }
            }
        }
        return 0;
    }

    /** key and value in columns, then the meaning and the source wrapped in the rest of the line. */
    static void print(java.io.PrintWriter out, List<String[]> rows, int width) {
        int kw = Math.min(rows.stream().mapToInt(r -> r[0].length()).max().orElse(0), width / 3);
        int vw = Math.min(rows.stream().mapToInt(r -> r[1].length()).max().orElse(0), width / 5);
        int rest = Math.max(20, width - kw - vw - 4);
        out.println(pad("key", kw) + "  " + pad("value", vw) + "  meaning / source");
        out.println("-".repeat(Math.min(width, kw + vw + 4 + rest)));
        for (String[] r : rows) {
            List<String> text = new ArrayList<>(Terminal.wrap(r[2].isEmpty() ? "-" : r[2], rest));
            if (r[3] != null) {
                text.addAll(Terminal.wrap("source: " + r[3], rest));
            }
            List<String> values = Terminal.wrap(r[1], vw);
            boolean own = r[0].length() > kw;
            if (own) {
                out.println(r[0]);
            }
            for (int i = 0; i < Math.max(text.size(), values.size()); i++) {
                String k = i == 0 && !own ? pad(r[0], kw) : pad("", kw);
                String v = i < values.size() ? values.get(i) : "";
                String t = i < text.size() ? text.get(i) : "";
                out.println((k + "  " + pad(v, vw) + "  " + t).stripTrailing());
            }
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** The entry for the key, else for its nearest documented parent (e.g. a list element's list), else {@code dflt}. */
    private static String lookup(Map<String, String> m, String key, String dflt) {
        for (String k = key; ; ) {
            String v = m.get(k);
            if (v != null) {
                return v;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            if (cut <= 0) {
                return dflt;
            }
            k = k.substring(0, cut);
        }
    }

    private static String value(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(x.isDouble() ? Num.format(x.doubleValue()) : x.asText()));
            return "[" + String.join(", ", parts) + "]";
        }
        if (n.isObject()) {
            return "{}";
        }
        if (n.isDouble()) {
            return Num.format(n.doubleValue());
        }
        return n.asText();
    }
}
