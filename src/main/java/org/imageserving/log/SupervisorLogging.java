package org.imageserving.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The supervisor JVM's logging: java.util.logging, the JDK's own, configured from conf/logging.properties, with
 * our code's log4j API calls handed to it by {@link JulBridge}. One pipeline for our lines and the JDK's (RMI,
 * JMX). Not log4j-core: its plugin registry loads some 550 classes whatever the configuration, several MiB of the
 * supervisor's resident memory (README, "Supervisor memory"). The stock servers keep log4j2.
 */
public final class SupervisorLogging {
    /** Where the files go: every launcher sets it to $IMAGESERVING_BASE/logs. */
    public static final String LOGS_PROPERTY = "imageserving.logs";
    /** What {@code -Dimageserving.logLevel} names: the root level, in log4j's words (DEBUG, INFO, WARN...). */
    public static final String LEVEL_PROPERTY = "imageserving.logLevel";
    /** {@code -Dimageserving.console=true}: supervisor.log's lines on standard output too (foreground runs). */
    public static final String CONSOLE_PROPERTY = "imageserving.console";

    /**
     * java.util.logging holds its loggers weakly: the one that carries the servers' handler is held here, so a
     * collection cannot take it, and its handler, between two lines of output.
     */
    private static volatile Logger servers;

    private SupervisorLogging() {}

    /**
     * To call first thing in an entry point, before anything touches the log4j API or java.util.logging: both read
     * these once. A property already set (a test, an operator's JAVA_OPTS) is left as it is.
     */
    public static void prepareProcess() {
        setIfAbsent("log4j.provider", JulBridge.class.getName());
        setIfAbsent("java.util.logging.manager", SupervisorLogManager.class.getName());
    }

    /**
     * Reads {@code config} (java.util.logging's properties format), the files going to {@code logs}; without the
     * file, supervisor.log and the servers' files with their defaults. Then the level and console properties.
     */
    public static void configure(Path config, Path logs) throws IOException {
        System.setProperty(LOGS_PROPERTY, logs.toString());
        Files.createDirectories(logs);
        LogManager manager = LogManager.getLogManager();
        if (Files.isRegularFile(config)) {
            try (InputStream in = Files.newInputStream(config)) {
                manager.readConfiguration(in);
            }
        } else {
            System.err.println(config + " not found: supervisor.log and the servers' logs with their defaults");
            manager.reset();
            Logger.getLogger("").addHandler(new SupervisorLogHandler());
            Logger output = Logger.getLogger(ServerLogsHandler.LOGGER);
            output.addHandler(new ServerLogsHandler());
            output.setUseParentHandlers(false);
        }
        servers = Logger.getLogger(ServerLogsHandler.LOGGER);
        Logger root = Logger.getLogger("");
        Level level = LevelNames.parse(System.getProperty(LEVEL_PROPERTY));
        if (level != null) {
            root.setLevel(level);
        }
        if (Boolean.getBoolean(CONSOLE_PROPERTY)) {
            root.addHandler(new ConsoleLogHandler());
        }
    }

    /** Closes every handler: the last thing the supervisor does. */
    public static void shutdown() {
        LogManager.getLogManager().reset();   // from this thread, SupervisorLogManager resets: every handler closes
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
