package org.momentumlab.experiment;

/**
 * A user's mistake in a spec, a file or an override: the message is one line that names the key or
 * file and the problem. The command line prints it and exits with code 2.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
