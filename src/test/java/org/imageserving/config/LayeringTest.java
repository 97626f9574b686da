package org.imageserving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** built-in defaults < the conf file < IMAGESERVING_* environment < imageserving.* system properties < flags. */
class LayeringTest {
    @TempDir
    Path base;

    private Registry svgWithStopTimeout() {
        return Registry.config(base, """
                <tcpport>9000</tcpport>
                <server id="svg">
                  <mainClass>org.example.Main</mainClass>
                  <stopTimeout>11</stopTimeout>
                  <ready><tcp port="4100"/></ready>
                </server>
                """);
    }

    private static Duration stopTimeout(Registry registry) throws ConfigException {
        return registry.only().stopTimeout();
    }

    @Test
    void theFileOverridesTheDefault() throws Exception {
        Registry registry = svgWithStopTimeout();

        assertEquals(Duration.ofSeconds(11), stopTimeout(registry));
        assertEquals(9000, registry.load().tcpPort());
        assertEquals(8778, registry.load().jolokiaPort());
    }

    @Test
    void theEnvironmentOverridesTheFile() throws Exception {
        Registry registry = svgWithStopTimeout().set(
                "IMAGESERVING_SERVER_SVG_STOPTIMEOUT=12", "IMAGESERVING_TCPPORT=9001", "IMAGESERVING_JOLOKIAPORT=0");

        assertEquals(Duration.ofSeconds(12), stopTimeout(registry));
        assertEquals(9001, registry.load().tcpPort());
        assertEquals(0, registry.load().jolokiaPort());
    }

    @Test
    void systemPropertiesOverrideTheEnvironment() throws Exception {
        Registry registry = svgWithStopTimeout().set(
                "IMAGESERVING_SERVER_SVG_STOPTIMEOUT=12", "IMAGESERVING_TCPPORT=9001",
                "-Dimageserving.server.svg.stopTimeout=13", "-Dimageserving.tcpport=9002");

        assertEquals(Duration.ofSeconds(13), stopTimeout(registry));
        assertEquals(9002, registry.load().tcpPort());
    }

    @Test
    void flagsOverrideEverything() throws Exception {
        Registry registry = svgWithStopTimeout().set(
                "IMAGESERVING_SERVER_SVG_STOPTIMEOUT=12",
                "-Dimageserving.server.svg.stopTimeout=13", "-Dimageserving.jolokiaPort=9100",
                "--server.svg.stopTimeout=14", "--jolokiaPort=9101");

        assertEquals(Duration.ofSeconds(14), stopTimeout(registry));
        assertEquals(9101, registry.load().jolokiaPort());
    }

    /** One key, in one layer, over a file that leaves it at its default. */
    static Stream<Arguments> singleValuedServerKeys() {
        return Stream.of(
                key("IMAGESERVING_SERVER_SVG_HEAP=512m", spec -> ((JavaLaunch) spec.launch()).maxHeap(), "512m"),
                key("IMAGESERVING_SERVER_SVG_HEALTH_FAILURES=9", spec -> spec.health().failures(), 9),
                key("-Dimageserving.server.svg.restart.policy=never", spec -> spec.restart().mode(), Mode.NEVER),
                key("-Dimageserving.server.svg.restart.exitCodes=0,3", spec -> spec.restart().expectedExitCodes(),
                        Set.of(0, 3)),
                key("--server.svg.startPriority=4", ServerSpec::startPriority, 4),
                key("--server.svg.description=layered", ServerSpec::description, "layered"),
                key("--server.svg.startDelay=2.5", ServerSpec::startDelay, Duration.ofMillis(2500)),
                key("--server.svg.startTimeout=61", ServerSpec::startTimeout, Duration.ofSeconds(61)),
                key("--server.svg.health.interval=6", spec -> spec.health().interval(), Duration.ofSeconds(6)),
                key("--server.svg.health.timeout=3", spec -> spec.health().timeout(), Duration.ofSeconds(3)),
                key("--server.svg.restart.maxRetries=8", spec -> spec.restart().maxRetries(), 8),
                key("--server.svg.restart.backoffInitial=2", spec -> spec.restart().backoffInitial(),
                        Duration.ofSeconds(2)),
                key("--server.svg.restart.backoffMax=40", spec -> spec.restart().backoffMax(), Duration.ofSeconds(40)),
                key("--server.svg.restart.stableAfter=50", spec -> spec.restart().stableAfter(),
                        Duration.ofSeconds(50)),
                key("IMAGESERVING_SERVER_SVG_USER=imageserving", ServerSpec::user, "imageserving"),
                key("--server.svg.user=1001", ServerSpec::user, "1001"));
    }

    private static Arguments key(String setting, Function<ServerSpec, Object> read, Object expected) {
        return Arguments.argumentSet(setting, setting, read, expected);
    }

    @ParameterizedTest
    @MethodSource("singleValuedServerKeys")
    void everySingleValuedServerKeyCanBeLayered(String setting, Function<ServerSpec, Object> read, Object expected)
            throws Exception {
        assertEquals(expected, read.apply(svgWithStopTimeout().set(setting).only()));
    }

    @Test
    void aLayeredWorkingDirectoryIsRelativeToTheBase() throws Exception {
        ServerSpec spec = svgWithStopTimeout().set("--server.svg.workingDirectory=conf").only();

        assertEquals(base.resolve("conf").toAbsolutePath().normalize(), spec.workingDirectory());
    }

    @Test
    void dashesInAServerIdBecomeUnderscoresInTheEnvironment() throws Exception {
        Registry registry = Registry.config(base, "<server id=\"thumb-cache\"><command>true</command></server>")
                .set("IMAGESERVING_SERVER_THUMB_CACHE_STOPTIMEOUT=3");

        assertEquals(Duration.ofSeconds(3), registry.only().stopTimeout());
        assertEquals("IMAGESERVING_SERVER_THUMB_CACHE_STOPTIMEOUT",
                ConfigLoader.environmentVariable("server.thumb-cache.stopTimeout"));
    }

    @Test
    void unrelatedImageServingVariablesAndPropertiesAreLeftAlone() throws Exception {
        Registry registry = svgWithStopTimeout().set(
                "IMAGESERVING_HOME=/somewhere", "IMAGESERVING_BASE=/elsewhere", "IMAGESERVING_OPTS=-Xmx1g", "PATH=/usr/bin",
                "-Dimageserving.home=/somewhere", "-Dimageserving.logs=/var/log");

        assertEquals(Duration.ofSeconds(11), stopTimeout(registry));
    }

    @Test
    void anEmptyValueCountsAsUnset() throws Exception {
        Registry registry = svgWithStopTimeout().set(
                "IMAGESERVING_SERVER_SVG_STOPTIMEOUT=", "IMAGESERVING_SERVER_NOSUCH_STOPTIMEOUT=",
                "-Dimageserving.tcpport=", "--server.svg.stopTimeout=");

        assertEquals(Duration.ofSeconds(11), stopTimeout(registry));
        assertEquals(9000, registry.load().tcpPort());
    }

    @Test
    void layeredKeysListsWhatTheLayersAccept() {
        assertEquals("tcpport", ConfigLoader.layeredKeys().get(0));
        assertEquals(true, ConfigLoader.layeredKeys().contains("server.<id>.restart.backoffMax"));
    }
}
