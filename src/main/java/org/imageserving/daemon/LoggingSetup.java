package org.imageserving.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.imageserving.install.Homes;

/**
 * log4j2 for the service: configured from $BASE/conf/log4j2.xml with {@code imageserving.logs} = $BASE/logs,
 * and shut down by us, last, so the shutdown lines are written (the shipped file disables log4j's own hook).
 */
final class LoggingSetup {
    static final String LOGS_PROPERTY = "imageserving.logs";

    private LoggingSetup() {}

    /** To call first thing in an entry point, before anything touches log4j or java.util.logging. */
    static void prepareProcess() {
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        if (System.getProperty("java.util.logging.manager") == null) {
            // the JDK (RMI) and Tomcat log through java.util.logging: route it into log4j2
            System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        }
    }

    static void configure(Homes homes) throws IOException {
        if (System.getProperty(LOGS_PROPERTY) == null) {
            System.setProperty(LOGS_PROPERTY, homes.logs().toString());
        }
        Files.createDirectories(Path.of(System.getProperty(LOGS_PROPERTY)));
        Path config = homes.conf().resolve("log4j2.xml");
        if (!Files.isRegularFile(config)) {
            System.err.println(config + " not found: logging with log4j2's defaults (errors on the console)");
            return;
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.setConfigLocation(config.toUri());
    }

    static void shutdown() {
        LogManager.shutdown();
    }
}
