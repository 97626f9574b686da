package org.imageserving.daemon;

import org.imageserving.config.ConfigException;

/** The one place that turns a failed start into the exit code scripts test and the line operators read. */
enum ExitStatus {
    OK(0),
    /** Could not start: port in use, already running, unreadable files ... */
    FAILURE(1),
    /** Bad configuration or usage: nothing was started. */
    CONFIG(2);

    final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    static ExitStatus of(Throwable failure) {
        return failure instanceof ConfigException ? CONFIG : FAILURE;
    }

    /** Known failures already say everything in their message; anything else gets its class name too. */
    static String line(Throwable failure) {
        boolean known = failure instanceof ConfigException || failure instanceof StartException;
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return "ImageServing supervisor: " + (known ? message : failure.toString());
    }
}
