package org.momentumlab.experiment.sweep;

/**
 * A sweep task that failed on another machine or JVM (a distributed executor), of which only the
 * description came back: {@code mlab sweep} prints it as one line; the finished runs stay.
 */
public final class RemoteTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteTaskFailure(String message) {
        super(message);
    }
}
