package org.momentumlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.Param;
import org.momentumlab.experiment.SpecTree;
import org.momentumlab.experiment.sweep.SweepPlan;
import org.momentumlab.experiment.PatchSpecCodec;
import org.momentumlab.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Print the resolved spec: every parameter, its value, meaning and source.")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PRESET|SPEC.yaml")
    String target;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec field (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "SEEDS")
    String seeds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        SpecTree tree = SpecSource.tree(target, overrides, seeds);
        SweepPlan plan = SweepPlan.of(tree, List.of(0L));
        Kinds.Experiment spec = Kinds.decode(plan.base());
        ObjectNode resolved = spec.resolved();
        Map<String, String> src = spec.sources();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"key", "value", "meaning", "source"});
        leaves(resolved, "", (key, value) -> {
            if (!key.startsWith("sources.")) {
                rows.add(new String[] {key, value, meaning(spec.params(), key), source(src, key)});
            }
        });
        var out = cmd.commandLine().getOut();
        out.println(spec.name() + ": " + spec.description());
        if (!plan.grid().isEmpty()) {
            out.println("sweep grid (mlab sweep): " + plan.grid().keySet() + ", " + plan.points().size() + " points x "
                    + spec.seeds().size() + " seeds");
        }
        out.println();
        out.print(TextTable.render(rows, false));
        return 0;
    }

    private static void leaves(JsonNode n, String prefix, java.util.function.BiConsumer<String, String> sink) {
        n.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                leaves(e.getValue(), key, sink);
            } else {
                sink.accept(key, value(e.getValue()));
            }
        });
    }

    private static String meaning(List<Param> params, String key) {
        for (Param p : params) {
            if (p.key().equals(key)) {
                return p.meaning();
            }
        }
        for (Param p : params) {
            if (p.key().endsWith(".*") && key.startsWith(p.key().substring(0, p.key().length() - 1))) {
                return p.meaning();
            }
        }
        if (key.startsWith("optimizers.")) {
            return PatchSpecCodec.OPTIMIZER_FIELDS.getOrDefault(key.substring(key.lastIndexOf('.') + 1), "");
        }
        return "";
    }

    private static String source(Map<String, String> src, String key) {
        String s = src.get(key);
        if (s == null) {
            int dot = key.lastIndexOf('.');
            s = dot > 0 ? src.get(key.substring(0, dot)) : null;
        }
        return s == null ? "default" : s;
    }

    private static String value(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(x.asText()));
            return "[" + String.join(", ", parts) + "]";
        }
        if (n.isDouble()) {
            return org.momentumlab.experiment.Num.format(n.doubleValue());
        }
        return n.asText();
    }
}
