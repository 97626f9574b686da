package org.imageserving.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.LogManager;
import org.imageserving.install.Homes;
import org.imageserving.log.SupervisorLogging;

/**
 * The service's logging: configured from $BASE/conf/logging.properties with the files in {@code imageserving.logs}
 * (default $BASE/logs), and shut down by us, last, so the shutdown lines are written.
 */
final class LoggingSetup {
    private LoggingSetup() {}

    /** To call first thing in an entry point, before anything touches log4j or java.util.logging. */
    static void prepareProcess() {
        SupervisorLogging.prepareProcess();
    }

    static void configure(Homes homes) throws IOException {
        Path logs = Path.of(System.getProperty(SupervisorLogging.LOGS_PROPERTY, homes.logs().toString()));
        SupervisorLogging.configure(homes.conf().resolve("logging.properties"), logs);
        Path retired = homes.conf().resolve("log4j2.xml");
        if (Files.exists(retired)) {
            LogManager.getLogger(LoggingSetup.class).warn("{} is no longer read: the supervisor logs through "
                    + "java.util.logging, set in conf/logging.properties (README, Logs)", retired);
        }
    }

    static void shutdown() {
        SupervisorLogging.shutdown();
    }
}
