package org.imageserving.exit;

/**
 * The exit codes of every entry point, one place for all of them: the control script (wired into picocli by
 * {@code cli.CommandLines} and listed in every {@code --help}) and the supervisor's own launchers (jsvc, procrun,
 * foreground). supervisorctl and LSB init scripts use the same numbers, so monitoring tools read them without a
 * mapping.
 */
public enum ExitCode {
    /** Done; for {@code status}: everything asked about is RUNNING. */
    OK(0),
    /** The command ran and something failed (a server did not come up, a process outlived the stop). */
    FAILURE(1),
    /** Bad usage (unknown option, unknown server id) or bad configuration; nothing was changed. */
    USAGE(2),
    /** The supervisor, or the server asked about, is not running (LSB "program is not running"). */
    NOT_RUNNING(3),
    /** State unknown: the supervisor could not be reached or asked (LSB "status is unknown"). */
    UNKNOWN(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
