package org.imageserving.daemon;

import org.imageserving.config.ConfigException;
import org.imageserving.exit.ExitCode;

/** The one place that turns a failed start into the exit code scripts test and the line operators read. */
final class StartFailures {
    private StartFailures() {}

    /** Bad configuration or usage (nothing was started): {@link ExitCode#USAGE}; anything else a FAILURE. */
    static ExitCode code(Throwable failure) {
        return failure instanceof ConfigException ? ExitCode.USAGE : ExitCode.FAILURE;
    }

    /** Known failures already say everything in their message; anything else gets its class name too. */
    static String line(Throwable failure) {
        boolean known = failure instanceof ConfigException || failure instanceof StartException;
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return "ImageServing supervisor: " + (known ? message : failure.toString());
    }
}
