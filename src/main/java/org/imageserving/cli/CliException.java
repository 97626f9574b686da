package org.imageserving.cli;

import org.imageserving.exit.ExitCode;

/**
 * A known failure: one line for the operator (already in their language) and the exit code it maps to.
 * Anything else that escapes a command is an unknown error and keeps its stack trace (see {@link Failures}).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    CliException(ExitCode exitCode, String line) {
        super(line, null, false, false);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
