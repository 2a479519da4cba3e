package org.momentumlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mlab} command. Exit codes: 0 success (a diverged run is a result, not a failure),
 * 2 a user's mistake (bad spec, flag, override or file; one line on stderr), 1 an internal error.
 */
@Command(name = "mlab", mixinStandardHelpOptions = true, versionProvider = Mlab.Version.class,
        description = "MomentumLab: how does momentum change what a network learns?",
        subcommands = {RunCommand.class, SweepCommand.class, ReproduceCommand.class, ListCommand.class, DescribeCommand.class, ReportCommand.class,
            DiffCommand.class, CompareCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Mlab implements Runnable {
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Interrupts.install();
        String bad = org.momentumlab.model.Simd.settingsError();
        if (bad != null) {
            err.println("mlab: " + bad);
            System.exit(USER_ERROR);
        }
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Mlab());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mlab: " + ex.getMessage());
            return USER_ERROR;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"MomentumLab " + org.momentumlab.experiment.Provenance.projectVersion()};
        }
    }
}
