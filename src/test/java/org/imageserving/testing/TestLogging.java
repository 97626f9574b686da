package org.imageserving.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points log4j2 at the shipped conf/log4j2.xml with logs under target/test-logs, so a failing test leaves
 * supervisor.log (transitions) and <id>.log (server output) to read. Has effect only if nothing in this JVM
 * initialised log4j2 before.
 */
public final class TestLogging {
    private TestLogging() {}

    public static void useShippedConfig() {
        Path config = Path.of("conf", "log4j2.xml").toAbsolutePath();
        if (Files.isRegularFile(config) && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", config.toString());
            System.setProperty("imageserving.logs", Path.of("target", "test-logs").toAbsolutePath().toString());
        }
    }
}
