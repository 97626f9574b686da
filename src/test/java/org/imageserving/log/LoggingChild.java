package org.imageserving.log;

import java.nio.file.Path;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A JVM that logs as the supervisor does (for {@link SupervisorLoggingTest}): the entry points' preparation, the
 * configuration read from {@code args[0]} with the files in {@code args[1]}, lines through the log4j API, the JDK's
 * java.util.logging and a server's logger, and a last line from a shutdown hook that runs after the JDK's own.
 */
public final class LoggingChild {
    private LoggingChild() {}

    public static void main(String[] args) throws Exception {
        SupervisorLogging.prepareProcess();
        SupervisorLogging.configure(Path.of(args[0]), Path.of(args[1]));
        Logger transitions = LogManager.getLogger("org.imageserving.process.ManagedProcess");
        transitions.info("svg: STARTING -> RUNNING (ready)");
        transitions.debug("a debug line");
        LogManager.getLogger(ServerLogsHandler.LOGGER_PREFIX + "svg").info("svg says hello");
        LogManager.getLogger(ServerLogsHandler.LOGGER_PREFIX + "../../etc/x").info("no server id");
        java.util.logging.Logger.getLogger("sun.rmi.transport.tcp").warning("an RMI warning");
        java.util.logging.Logger.getLogger("sun.rmi.transport.tcp").info("an RMI info line");
        transitions.error("svg: cannot start", new IllegalStateException("boom"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(300);   // java.util.logging's own hook has run by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LogManager.getLogger("org.imageserving.daemon.SupervisorService").info("supervisor stopped");
            SupervisorLogging.shutdown();
        }, "shutdown"));
        System.exit(0);
    }
}
