package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * An instance for the control script's tests: {@code conf/SupervisorRegistry.xml} with the stock ids ({@code is},
 * {@code svg}, {@code ps}) played by {@code sleep} processes, read by the real supervisor as an operator's file
 * would be, plus the shipped logging.properties and jolokia-access.xml. A server named as failing is the ExitAfter fixture
 * instead (a JVM that exits 1 at once, needs the test classes on the supervisor's class path): it ends FATAL after
 * three failed starts, two of them the supervisor's own restarts (RestartCount 2).
 */
final class SleepingRegistry {
    static final List<String> IDS = List.of("is", "svg", "ps");

    private SleepingRegistry() {}

    /** @param jolokiaPort 0: Jolokia off; {@code tcpport} is 0, any free port (run/jmx.url names it) */
    static void write(Path home, Path base, int jolokiaPort, Set<String> failing) throws IOException {
        Path conf = Files.createDirectories(base.resolve("conf"));
        StringBuilder xml = new StringBuilder("<config>\n  <tcpport>0</tcpport>\n  <jolokiaPort>")
                .append(jolokiaPort).append("</jolokiaPort>\n");
        for (String id : IDS) {
            xml.append("  <server id=\"").append(id).append("\">\n    <description>test server ").append(id)
                    .append("</description>\n");
            if (failing.contains(id)) {
                xml.append("    <mainClass>org.imageserving.testing.fixtures.ExitAfter</mainClass><heap>32m</heap>\n")
                        .append("    <jvmArguments><argument>-XX:TieredStopAtLevel=1</argument>")
                        .append("<argument>-XX:+UseSerialGC</argument></jvmArguments>\n")
                        .append("    <arguments><argument>--code</argument><argument>1</argument></arguments>\n")
                        .append("    <restart maxRetries=\"3\" backoffInitial=\"0.1\" backoffMax=\"0.2\"/>\n");
            } else {
                xml.append("    <command>sleep</command><arguments><argument>100000</argument></arguments>\n")
                        .append("    <ready><uptime seconds=\"0.3\"/></ready>\n");
            }
            xml.append("    <stopTimeout>10</stopTimeout>\n  </server>\n");
        }
        Files.writeString(conf.resolve("SupervisorRegistry.xml"), xml.append("</config>\n"));
        for (String shipped : List.of("logging.properties", "jolokia-access.xml")) {
            Files.copy(home.resolve("conf").resolve(shipped), conf.resolve(shipped), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
