package org.imageserving.cli;

import java.io.IOException;
import java.net.ConnectException;
import org.imageserving.exit.ExitCode;

/**
 * Opens a {@link SupervisorClient} and turns every way that can fail into one line and an exit code: nothing
 * listening (not running, or running but not answering), refused credentials, anything else (unknown).
 */
final class Connections {
    private Connections() {}

    /**
     * @param pidFile this instance's pid file when the target is this instance (null for an explicit URL):
     *                it tells "not running" from "running but not answering"
     */
    static SupervisorClient open(JmxTarget target, PidFile pidFile, CliContext ctx) {
        Messages messages = ctx.messages();
        try {
            return SupervisorClient.connect(target);
        } catch (SecurityException refused) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.authFailed", target.url(), target.user()));
        } catch (IOException e) {
            if (refusedConnection(e)) {
                if (pidFile == null) {
                    throw new CliException(ExitCode.NOT_RUNNING, messages.get("connect.nothingListening", target.url()));
                }
                throw new CliException(ExitCode.UNKNOWN, messages.get("connect.notAnswering", pidFile.pid(), target.url(),
                        ctx.homes().logs().resolve("supervisor.log")));
            }
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.failed", target.url(), rootMessage(e)));
        }
    }

    static boolean refusedConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.rmi.ConnectException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
