package org.imageserving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_SERVER_SVG_STOPTIMEOUT", "12");
        registry.env.put("IMAGESERVING_TCPPORT", "9001");
        registry.env.put("IMAGESERVING_JOLOKIAPORT", "0");

        assertEquals(Duration.ofSeconds(12), stopTimeout(registry));
        assertEquals(9001, registry.load().tcpPort());
        assertEquals(0, registry.load().jolokiaPort());
    }

    @Test
    void systemPropertiesOverrideTheEnvironment() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_SERVER_SVG_STOPTIMEOUT", "12");
        registry.env.put("IMAGESERVING_TCPPORT", "9001");
        registry.sysProps.setProperty("imageserving.server.svg.stopTimeout", "13");
        registry.sysProps.setProperty("imageserving.tcpport", "9002");

        assertEquals(Duration.ofSeconds(13), stopTimeout(registry));
        assertEquals(9002, registry.load().tcpPort());
    }

    @Test
    void flagsOverrideEverything() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_SERVER_SVG_STOPTIMEOUT", "12");
        registry.sysProps.setProperty("imageserving.server.svg.stopTimeout", "13");
        registry.sysProps.setProperty("imageserving.jolokiaPort", "9100");
        registry.flags.put("server.svg.stopTimeout", "14");
        registry.flags.put("jolokiaPort", "9101");

        assertEquals(Duration.ofSeconds(14), stopTimeout(registry));
        assertEquals(9101, registry.load().jolokiaPort());
    }

    @Test
    void aLayerOverridesAKeyTheFileLeftAtItsDefault() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_SERVER_SVG_HEAP", "512m");
        registry.env.put("IMAGESERVING_SERVER_SVG_HEALTH_FAILURES", "9");
        registry.sysProps.setProperty("imageserving.server.svg.restart.policy", "never");
        registry.sysProps.setProperty("imageserving.server.svg.restart.exitCodes", "0,3");
        registry.flags.put("server.svg.startPriority", "4");
        registry.flags.put("server.svg.description", "layered");

        ServerSpec spec = registry.only();

        assertEquals("512m", ((JavaLaunch) spec.launch()).maxHeap());
        assertEquals(9, spec.health().failures());
        assertEquals(Mode.NEVER, spec.restart().mode());
        assertEquals(Set.of(0, 3), spec.restart().expectedExitCodes());
        assertEquals(4, spec.startPriority());
        assertEquals("layered", spec.description());
    }

    @Test
    void everySingleValuedServerKeyCanBeLayered() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.flags.put("server.svg.workingDirectory", "conf");
        registry.flags.put("server.svg.startDelay", "2.5");
        registry.flags.put("server.svg.startTimeout", "61");
        registry.flags.put("server.svg.health.interval", "6");
        registry.flags.put("server.svg.health.timeout", "3");
        registry.flags.put("server.svg.restart.maxRetries", "8");
        registry.flags.put("server.svg.restart.backoffInitial", "2");
        registry.flags.put("server.svg.restart.backoffMax", "40");
        registry.flags.put("server.svg.restart.stableAfter", "50");

        ServerSpec spec = registry.only();

        assertEquals(base.resolve("conf").toAbsolutePath().normalize(), spec.workingDirectory());
        assertEquals(Duration.ofMillis(2500), spec.startDelay());
        assertEquals(Duration.ofSeconds(61), spec.startTimeout());
        assertEquals(Duration.ofSeconds(6), spec.health().interval());
        assertEquals(Duration.ofSeconds(3), spec.health().timeout());
        assertEquals(8, spec.restart().maxRetries());
        assertEquals(Duration.ofSeconds(2), spec.restart().backoffInitial());
        assertEquals(Duration.ofSeconds(40), spec.restart().backoffMax());
        assertEquals(Duration.ofSeconds(50), spec.restart().stableAfter());
    }

    @Test
    void dashesInAServerIdBecomeUnderscoresInTheEnvironment() throws Exception {
        Registry registry = Registry.config(base, "<server id=\"thumb-cache\"><command>true</command></server>");
        registry.env.put("IMAGESERVING_SERVER_THUMB_CACHE_STOPTIMEOUT", "3");

        assertEquals(Duration.ofSeconds(3), registry.only().stopTimeout());
        assertEquals("IMAGESERVING_SERVER_THUMB_CACHE_STOPTIMEOUT",
                ConfigLoader.environmentVariable("server.thumb-cache.stopTimeout"));
    }

    @Test
    void unrelatedImageServingVariablesAndPropertiesAreLeftAlone() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_HOME", "/somewhere");
        registry.env.put("IMAGESERVING_BASE", "/elsewhere");
        registry.env.put("IMAGESERVING_OPTS", "-Xmx1g");
        registry.env.put("PATH", "/usr/bin");
        registry.sysProps.setProperty("imageserving.home", "/somewhere");
        registry.sysProps.setProperty("imageserving.logs", "/var/log");

        assertEquals(Duration.ofSeconds(11), stopTimeout(registry));
    }

    @Test
    void anEmptyValueCountsAsUnset() throws Exception {
        Registry registry = svgWithStopTimeout();
        registry.env.put("IMAGESERVING_SERVER_SVG_STOPTIMEOUT", "");
        registry.env.put("IMAGESERVING_SERVER_NOSUCH_STOPTIMEOUT", "");
        registry.sysProps.setProperty("imageserving.tcpport", "");
        registry.flags.put("server.svg.stopTimeout", "");

        assertEquals(Duration.ofSeconds(11), stopTimeout(registry));
        assertEquals(9000, registry.load().tcpPort());
    }

    @Test
    void layeredKeysListsWhatTheLayersAccept() {
        assertEquals("tcpport", ConfigLoader.layeredKeys().get(0));
        assertEquals(true, ConfigLoader.layeredKeys().contains("server.<id>.restart.backoffMax"));
    }
}
