package org.momentumlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.momentumlab.experiment.SpecException;
import org.momentumlab.experiment.rundir.RunDirectory;
import picocli.CommandLine;

/**
 * Maps exceptions to exit codes: a user's mistake is one line and code 2; a file that cannot be
 * written is one line and code 1; anything else is a bug, with its trace, code 1.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    /** A failure in one line: an I/O failure in words, otherwise its message. */
    static String reason(Throwable c) {
        if (c instanceof UncheckedIOException u) {
            return "cannot write: " + RunDirectory.describe(u.getCause());
        }
        return c.getMessage() == null ? c.toString() : c.getMessage().split("\n")[0];
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        Interrupts.done();
        if (ex instanceof SpecException) {
            err.println("mlab: " + ex.getMessage());
            return Mlab.USER_ERROR;
        }
        if (ex instanceof IOException io) {
            err.println("mlab: cannot read or write a file: " + RunDirectory.describe(io));
            return 1;
        }
        if (ex instanceof UncheckedIOException u) {
            err.println("mlab: cannot read or write a file: " + RunDirectory.describe(u.getCause()));
            return 1;
        }
        err.println("mlab: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }
}
