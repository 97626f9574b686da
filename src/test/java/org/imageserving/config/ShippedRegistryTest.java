package org.imageserving.config;

import org.imageserving.install.Homes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conf/SupervisorRegistry.xml we ship loads and declares the three stock servers as PLAN says. */
class ShippedRegistryTest {
    private static final Path SHIPPED = Path.of("conf", "SupervisorRegistry.xml");
    /** A stock server that runs out of memory anyway exits, and is restarted clean, rather than limping on. */
    private static final List<String> EXIT_ON_OOM = List.of("-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path base;

    private SupervisorConfig loadShipped() throws IOException, ConfigException {
        Files.createDirectories(base.resolve("conf"));
        Files.copy(SHIPPED, base.resolve(ConfigLoader.REGISTRY));
        return ConfigLoader.load(new Homes(base, base), Map.of(), new Properties(), Map.of());
    }

    @Test
    void declaresTheStockPortsAndServersInStartOrder() throws Exception {
        SupervisorConfig config = loadShipped();

        assertEquals(9910, config.tcpPort());
        assertEquals(8778, config.jolokiaPort());
        assertEquals(List.of("is", "svg", "ps"), config.servers().stream().map(ServerSpec::id).toList());
        assertEquals(List.of(1, 1, 2), config.servers().stream().map(ServerSpec::startPriority).toList());
    }

    @Test
    void everyStockServerExitsOnOutOfMemoryError() throws Exception {
        for (ServerSpec server : loadShipped().servers()) {
            JavaLaunch launch = (JavaLaunch) server.launch();
            assertEquals(true, launch.jvmArguments().contains("-XX:+ExitOnOutOfMemoryError"), server.id() + ": " + launch.jvmArguments());
        }
    }

    @Test
    void imageServer() throws Exception {
        ServerSpec is = loadShipped().servers().get(0);

        assertEquals(new JavaLaunch("org.imageserving.imageserver.ImageServerMain", "256m", EXIT_ON_OOM), is.launch());
        assertEquals(List.of("--port", "27345", "--svg-port", "27346"), is.arguments());
        assertEquals(new HttpReadiness(URI.create("http://127.0.0.1:27345/health")), is.readiness());
        assertEquals("Image Server", is.description());
        assertStockLifecycle(is);
    }

    @Test
    void svgServer() throws Exception {
        ServerSpec svg = loadShipped().servers().get(1);

        assertEquals(new JavaLaunch("org.imageserving.svg.SvgServerMain", "200m", EXIT_ON_OOM), svg.launch());
        assertEquals(List.of("--port", "27346"), svg.arguments());
        assertEquals(new HttpReadiness(URI.create("http://127.0.0.1:27346/health")), svg.readiness());
        assertEquals("SVG Server", svg.description());
        assertStockLifecycle(svg);
    }

    @Test
    void platformServer() throws Exception {
        ServerSpec ps = loadShipped().servers().get(2);

        assertEquals(new JavaLaunch("org.imageserving.platform.PlatformServerMain", "256m", EXIT_ON_OOM), ps.launch());
        assertEquals(List.of("--port", "8080", "--image-server-port", "27345"), ps.arguments());
        assertEquals(new HttpReadiness(URI.create("http://127.0.0.1:8080/health")), ps.readiness());
        assertEquals("Platform Server", ps.description());
        assertStockLifecycle(ps);
    }

    private void assertStockLifecycle(ServerSpec spec) {
        assertEquals(base.toAbsolutePath().normalize(), spec.workingDirectory());
        assertEquals(Map.of(), spec.environment());
        assertEquals("imageserving", spec.user(), "a root supervisor runs the stock servers unprivileged");
        assertEquals(null, spec.group(), "in the user's primary group");
        assertEquals(Duration.ZERO, spec.startDelay());
        assertEquals(Duration.ofSeconds(60), spec.startTimeout());
        assertEquals(Duration.ofSeconds(30), spec.stopTimeout());
        assertEquals(HealthCheck.DEFAULT, spec.health());
        assertEquals(RestartPolicy.DEFAULT, spec.restart());
    }
}
