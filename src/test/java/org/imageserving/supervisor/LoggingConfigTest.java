package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped conf/log4j2.xml: supervisor.log, one file per server routed by ThreadContext, console on demand. */
class LoggingConfigTest {
    @TempDir
    Path logs;

    /**
     * A private context on the shipped file. Routed appenders resolve ${sys:imageserving.logs} when the first event
     * of a server arrives, so the property stays set for the whole test ({@link #restore()}).
     */
    private LoggerContext context(boolean console) {
        System.setProperty("imageserving.logs", logs.toString());
        if (console) {
            System.setProperty("imageserving.console", "true");
        }
        try {
            LoggerContext context = new LoggerContext("config-test", null, Path.of("conf/log4j2.xml").toUri());
            context.start();
            return context;
        } finally {
            System.clearProperty("imageserving.console");
        }
    }

    private final String logsBefore = System.getProperty("imageserving.logs");

    @AfterEach
    void restore() {
        if (logsBefore == null) {
            System.clearProperty("imageserving.logs");
        } else {
            System.setProperty("imageserving.logs", logsBefore);
        }
    }

    @Test
    void serverOutputGoesToItsOwnFileAndTransitionsToSupervisorLog() throws Exception {
        LoggerContext context = context(false);
        try {
            context.getLogger("org.imageserving.process.ManagedProcess").info("svg: STARTING -> RUNNING (ready)");
            ThreadContext.put(Supervisor.SERVER_CONTEXT_KEY, "svg");
            try {
                Logger svg = context.getLogger(Supervisor.SERVER_LOGGER_PREFIX + "svg");
                svg.info("svg says hello");
            } finally {
                ThreadContext.remove(Supervisor.SERVER_CONTEXT_KEY);
            }
            context.getLogger(Supervisor.SERVER_LOGGER_PREFIX + "x").info("no server in the context");
        } finally {
            context.stop();
        }
        String supervisor = Files.readString(logs.resolve("supervisor.log"));
        String svg = Files.readString(logs.resolve("svg.log"));
        assertTrue(supervisor.contains("svg: STARTING -> RUNNING (ready)"), supervisor);
        assertFalse(supervisor.contains("svg says hello"), "server output stays out of supervisor.log");
        assertTrue(svg.contains("svg says hello"), svg);
        assertTrue(supervisor.contains("no server in the context"), "never lost: " + supervisor);
        assertEquals(List.of("supervisor.log", "svg.log"),
                Files.list(logs).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void consoleOnlyWhenAsked() {
        LoggerContext quiet = context(false);
        LoggerContext loud = context(true);
        try {
            LoggerConfig quietRoot = quiet.getConfiguration().getRootLogger();
            LoggerConfig loudRoot = loud.getConfiguration().getRootLogger();
            assertFalse(quietRoot.getAppenders().containsKey("console"));
            assertTrue(loudRoot.getAppenders().containsKey("console"));
            assertTrue(quietRoot.getAppenders().containsKey("supervisor"));
            assertFalse(quiet.getConfiguration().getLoggerConfig("imageserving.server.ps").isAdditive());
        } finally {
            quiet.stop();
            loud.stop();
        }
    }
}
