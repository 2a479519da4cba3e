package org.momentumlab.cli;

import java.io.PrintWriter;
import org.momentumlab.experiment.SpecException;
import picocli.CommandLine;

/** Maps exceptions to exit codes: a user's mistake is one line and code 2; anything else is a bug, with its trace, code 1. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        if (ex instanceof SpecException) {
            err.println("mlab: " + ex.getMessage());
            return Mlab.USER_ERROR;
        }
        err.println("mlab: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }
}
