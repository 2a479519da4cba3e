package org.momentumlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.Param;
import org.momentumlab.experiment.PatchExperimentSpec;
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
        PatchExperimentSpec spec = SpecSource.resolve(target, overrides, seeds);
        ObjectNode tree = PatchSpecCodec.encode(spec);
        Map<String, String> src = spec.sources();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"key", "value", "meaning", "source"});
        for (Param p : PatchSpecCodec.PARAMS) {
            rows.add(new String[] {p.key(), value(tree, p.key()), p.meaning(), source(src, p.key())});
        }
        JsonNode opts = tree.get("optimizers");
        opts.fieldNames().forEachRemaining(name -> opts.get(name).fieldNames().forEachRemaining(f -> {
            String key = "optimizers." + name + "." + f;
            rows.add(new String[] {key, value(tree, key), PatchSpecCodec.OPTIMIZER_FIELDS.getOrDefault(f, ""), source(src, key)});
        }));
        var out = cmd.commandLine().getOut();
        out.println(spec.name() + ": " + spec.description());
        out.println();
        out.print(TextTable.render(rows, false));
        return 0;
    }

    private static String source(Map<String, String> src, String key) {
        String s = src.get(key);
        if (s == null) {
            int dot = key.lastIndexOf('.');
            s = dot > 0 ? src.get(key.substring(0, dot)) : null;
        }
        return s == null ? "default" : s;
    }

    private static String value(ObjectNode tree, String key) {
        JsonNode n = tree;
        for (String p : key.split("\\.")) {
            n = n.get(p);
        }
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
