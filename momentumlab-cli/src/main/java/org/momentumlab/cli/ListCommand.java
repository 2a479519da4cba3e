package org.momentumlab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.momentumlab.experiment.ExperimentKind;
import org.momentumlab.experiment.ExperimentKinds;
import org.momentumlab.experiment.SpecTree;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the presets of every experiment kind with a one-line description.")
final class ListCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        var out = cmd.commandLine().getOut();
        List<String> names = ExperimentKinds.presets();
        int w = names.stream().mapToInt(String::length).max().orElse(0);
        int kw = ExperimentKinds.all().stream().mapToInt(k -> k.id().length()).max().orElse(0);
        int rest = Math.max(30, Terminal.width() - w - kw - 4);
        for (ExperimentKind<?> k : ExperimentKinds.all()) {
            for (String p : k.presets()) {
                List<String> text = Terminal.wrap(SpecTree.preset(p).root().path("description").asText(""), rest);
                for (int i = 0; i < text.size(); i++) {
                    String line = i == 0 ? String.format("%-" + w + "s  %-" + kw + "s  %s", p, k.id(), text.get(i))
                            : " ".repeat(w + kw + 4) + text.get(i);
                    out.println(line.stripTrailing());
                }
            }
        }
        return 0;
    }
}
