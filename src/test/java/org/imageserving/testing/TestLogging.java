package org.imageserving.testing;

import java.nio.file.Path;

/**
 * Points log4j2 at {@code log4j2-tests.xml} with logs under target/test-logs, so a failing in-process test leaves
 * tests.log (transitions, server output) to read. Has effect only if nothing in this JVM initialised log4j2
 * before.
 */
public final class TestLogging {
    private TestLogging() {}

    /** The test configuration, for a child JVM of a test too ({@code -Dlog4j2.configurationFile=}). */
    public static String config() {
        return Path.of("src", "test", "resources", "log4j2-tests.xml").toAbsolutePath().toString();
    }

    public static void useTestConfig() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", config());
            System.setProperty("imageserving.logs", Path.of("target", "test-logs").toAbsolutePath().toString());
        }
    }
}
