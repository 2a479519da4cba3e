package org.momentumlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the presets with a one-line description.")
final class ListCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        var out = cmd.commandLine().getOut();
        int w = Presets.names().stream().mapToInt(String::length).max().orElse(0);
        for (String p : Presets.names()) {
            out.printf("%-" + w + "s  %s%n", p, Presets.description(p));
        }
        return 0;
    }
}
