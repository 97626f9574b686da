package org.imageserving.config;

import org.imageserving.install.Homes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageserving.config.ServerSpec.CommandLaunch;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.imageserving.config.ServerSpec.TcpReadiness;
import org.imageserving.config.ServerSpec.UptimeReadiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server gets when the file says nothing, and how the file's values are read. */
class DefaultsTest {
    @TempDir
    Path base;

    @Test
    void emptyConfigHasTheStockSupervisorPortsAndNoServers() throws Exception {
        SupervisorConfig config = Registry.of(base, "<config/>").load();

        assertEquals(9910, config.tcpPort());
        assertEquals(8778, config.jolokiaPort());
        assertEquals(List.of(), config.servers());
        assertEquals(new Homes(base, base), config.homes());
    }

    @Test
    void aServerWithOnlyAMainClassGetsEveryDefault() throws Exception {
        ServerSpec spec = Registry.server(base, "").only();

        assertEquals("svg", spec.id());
        assertEquals("svg", spec.description());
        assertEquals(new JavaLaunch("org.example.Main", null, List.of()), spec.launch());
        assertEquals(List.of(), spec.arguments());
        assertEquals(base.toAbsolutePath().normalize(), spec.workingDirectory());
        assertEquals(Map.of(), spec.environment());
        assertEquals(1, spec.startPriority());
        assertEquals(Duration.ZERO, spec.startDelay());
        assertEquals(Duration.ofSeconds(60), spec.startTimeout());
        assertEquals(Duration.ofSeconds(30), spec.stopTimeout());
        assertEquals(new UptimeReadiness(Duration.ofSeconds(1)), spec.readiness());
        assertEquals(Duration.ZERO, spec.health().interval(), "uptime readiness has no liveness probe");
        assertEquals(new RestartPolicy(Mode.UNEXPECTED, Set.of(0), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(30)), spec.restart());
    }

    @Test
    void theLoadedDefaultsAreTheOnesWithDefaultsBuilds() throws Exception {
        ServerSpec loaded = Registry.server(base, "").only();

        assertEquals(ServerSpec.withDefaults("svg", loaded.launch(), List.of(), loaded.workingDirectory()), loaded);
    }

    @Test
    void probesGetTheirDefaultHostAndHealthCheck() throws Exception {
        ServerSpec tcp = Registry.server(base, "<ready><tcp port=\"5000\"/></ready>").only();
        ServerSpec uptime = Registry.server(base, "<ready><uptime/></ready>").only();

        assertEquals(new TcpReadiness("127.0.0.1", 5000), tcp.readiness());
        assertEquals(new HealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(2), 3), tcp.health());
        assertEquals(new UptimeReadiness(Duration.ofSeconds(1)), uptime.readiness());
    }

    @Test
    void healthIsIgnoredWithUptimeReadiness() throws Exception {
        ServerSpec spec = Registry.server(base, "<ready><uptime seconds=\"2\"/></ready>"
                + "<health interval=\"1\" timeout=\"1\" failures=\"1\"/>").only();

        assertEquals(HealthCheck.OFF, spec.health());
    }

    @Test
    void readsEveryElementAndAttribute() throws Exception {
        Files.createDirectories(base.resolve("work"));
        ServerSpec spec = Registry.server(base, """
                  <description>Scalable Vector Graphics</description>
                  <heap>2g</heap>
                  <jvmArguments><argument>-XX:+UseSerialGC</argument><argument>-Dlog=${imageserving.base}/logs</argument></jvmArguments>
                  <arguments><argument>--port</argument><argument> 4000 </argument><argument></argument></arguments>
                  <workingDirectory>work</workingDirectory>
                  <environment><variable name="FONTS">${imageserving.home}/fonts</variable></environment>
                  <startPriority>-3</startPriority>
                  <startDelay>0.5</startDelay>
                  <startTimeout>90</startTimeout>
                  <stopTimeout>0</stopTimeout>
                  <ready><http url="http://127.0.0.1:4000/health"/></ready>
                  <health interval="0.25" timeout="1.5" failures="7"/>
                  <restart policy="always" exitCodes="0, 2,143" maxRetries="0" backoffInitial="0" backoffMax="0" stableAfter="600"/>
                """).only();

        String home = base.toAbsolutePath().normalize().toString();
        assertEquals("Scalable Vector Graphics", spec.description());
        assertEquals(new JavaLaunch("org.example.Main", "2g", List.of("-XX:+UseSerialGC", "-Dlog=" + home + "/logs")),
                spec.launch());
        assertEquals(List.of("--port", "4000", ""), spec.arguments());
        assertEquals(base.resolve("work").toAbsolutePath().normalize(), spec.workingDirectory());
        assertEquals(Map.of("FONTS", home + "/fonts"), spec.environment());
        assertEquals(-3, spec.startPriority());
        assertEquals(Duration.ofMillis(500), spec.startDelay());
        assertEquals(Duration.ofSeconds(90), spec.startTimeout());
        assertEquals(Duration.ZERO, spec.stopTimeout());
        assertEquals(new HttpReadiness(java.net.URI.create("http://127.0.0.1:4000/health")), spec.readiness());
        assertEquals(new HealthCheck(Duration.ofMillis(250), Duration.ofMillis(1500), 7), spec.health());
        assertEquals(new RestartPolicy(Mode.ALWAYS, Set.of(0, 2, 143), 0, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(600)), spec.restart());
    }

    @Test
    void aCommandServerKeepsItsExecutableAndAnAbsoluteWorkingDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        Path tool = Files.createFile(Files.createDirectories(base.resolve("bin")).resolve("tool"));
        assertTrue(tool.toFile().setExecutable(true));
        ServerSpec spec = Registry.config(base, "<server id=\"tool\"><command>${imageserving.home}/bin/tool</command>"
                + "<workingDirectory>" + elsewhere + "/../elsewhere</workingDirectory></server>").only();

        assertEquals(new CommandLaunch(base.toAbsolutePath().normalize() + "/bin/tool"), spec.launch());
        assertEquals(elsewhere.toAbsolutePath().normalize(), spec.workingDirectory());
    }

    @Test
    void aBareCommandIsLeftForThePathLookup() throws Exception {
        ServerSpec spec = Registry.config(base, "<server id=\"echo\"><command>echo</command></server>").only();

        assertEquals(new CommandLaunch("echo"), spec.launch());
    }

    @Test
    void serversStartByPriorityThenInFileOrder() throws Exception {
        SupervisorConfig config = Registry.config(base, """
                <server id="c"><command>c</command><startPriority>2</startPriority></server>
                <server id="a"><command>a</command><startPriority>1</startPriority></server>
                <server id="d"><command>d</command><startPriority>2</startPriority></server>
                <server id="b"><command>b</command></server>
                <server id="e"><command>e</command><startPriority>0</startPriority></server>
                """).load();

        assertEquals(List.of("e", "a", "b", "c", "d"), config.servers().stream().map(ServerSpec::id).toList());
    }

    @Test
    void otherDollarBracesAreLeftForTheShell() throws Exception {
        ServerSpec spec = Registry.config(base, "<server id=\"sh\"><command>sh</command>"
                + "<arguments><argument>echo ${HOME} ${imageserving.base}</argument></arguments></server>").only();

        assertEquals(List.of("echo ${HOME} " + base.toAbsolutePath().normalize()), spec.arguments());
    }
}
