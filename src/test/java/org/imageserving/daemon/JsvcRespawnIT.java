package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.management.remote.JMXConnector;

import org.imageserving.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsvc's own self-healing, left alone: after a SIGKILL of the supervisor JVM its controller sleeps (the JVM ran
 * less than 60 s) and forks one new JVM, which brings the servers back. Exactly one stack comes back, never two,
 * and a stop then leaves no jsvc process of the base. An IT: it waits out jsvc's minute.
 */
class JsvcRespawnIT {
    @TempDir
    Path base;

    private ChildService jsvc;

    @AfterEach
    void kill() throws Exception {
        if (jsvc != null) {
            jsvc.kill();
            ProcessHandle.of(SupervisorDaemonJsvcTest.jvmPid(base)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aKilledSupervisorComesBackOnceThroughJsvcsController() throws Exception {
        jsvc = SupervisorDaemonJsvcTest.startJsvc(base);
        List<Long> firstServers;
        try (JMXConnector client = jsvc.connect("monitor")) {
            firstServers = ChildService.awaitRunning(client.getMBeanServerConnection(), "alpha", "beta");
        }
        long firstJvm = SupervisorDaemonJsvcTest.jvmPid(base);
        ProcessHandle.of(firstJvm).orElseThrow().destroyForcibly();
        Await.until("the JVM to die and be reaped", () -> ProcessHandle.of(firstJvm).isEmpty());
        Await.until("its servers to follow it", () -> !ChildService.anyAlive(firstServers));
        Files.deleteIfExists(base.resolve("run/jmx.url"));

        jsvc.awaitUp();     // jsvc's controller forks a new JVM after up to 60 s
        long secondJvm = SupervisorDaemonJsvcTest.jvmPid(base);
        assertNotEquals(firstJvm, secondJvm);
        try (JMXConnector client = jsvc.connect("monitor")) {
            ChildService.awaitRunning(client.getMBeanServerConnection(), "alpha", "beta");
        }
        assertEquals(List.of(jsvc.process.pid(), secondJvm), SupervisorDaemonJsvcTest.jsvcOfBase(base),
                "one controller, one supervisor");
        assertEquals(2, ProcessHandle.of(secondJvm).orElseThrow().children()
                .filter(p -> SupervisorDaemonJsvcTest.isAlive(p.pid()))
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).count(),
                "one copy of each server");

        jsvc.process.destroy();
        assertEquals(0, jsvc.awaitExit(), jsvc.output());
        assertEquals(List.of(), SupervisorDaemonJsvcTest.jsvcOfBase(base));
        assertFalse(SupervisorDaemonJsvcTest.isAlive(secondJvm));
    }
}
