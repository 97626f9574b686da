package org.imageserving.daemon;

/** The service could not start for a reason other than its configuration (exit code 1), told in one line. */
public final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartException(String message) {
        super(message);
    }

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
