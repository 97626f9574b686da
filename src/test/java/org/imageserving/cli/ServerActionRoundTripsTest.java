package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;

import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.remote.JmxConnector;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.testing.SleepingServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start|stop|restart <id>} make one call that acts and answers, and the supervisor's answer is what they
 * print: counted where the calls arrive, in the MBean server under the real RMI connector, while the CLI runs
 * in-process against the real supervisor.
 */
class ServerActionRoundTripsTest {
    private static final String SVG = "ImageServing:type=Server,name=svg";

    @TempDir
    Path base;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean counting;
    private SleepingServers servers;
    private ManagementBeans beans;
    private JmxConnector connector;

    @BeforeEach
    void start() throws Exception {
        servers = SleepingServers.started(base);
        MBeanServer counted = counted(MBeanServerFactory.newMBeanServer());
        beans = ManagementBeans.register(counted, servers.supervisor(), () -> { });
        CredentialFiles files = new CredentialFiles(base.resolve("conf"), Path.of("jmx-templates"));
        connector = JmxConnector.start(0, files.prepare(), files.accessFile(), counted);
    }

    @AfterEach
    void stop() {
        connector.close();
        beans.close();
        servers.close();
    }

    @Test
    void restartOfOneServerIsOneCallToActAndReport() {
        long before = servers.pid("svg");
        Cli.Result restart = run("restart", "svg");
        assertEquals(0, restart.code(), restart.toString());
        assertNotEquals(before, servers.pid("svg"));
        assertEquals("svg: restarted (pid " + servers.pid("svg") + ")", restart.out().strip());
        assertEquals(List.of("invoke " + SVG + " restartAndReport"), calls, "at most two round trips; the old way made four");
    }

    @Test
    void startAndStopPrintWhatTheSupervisorAnswers() {
        assertEquals("svg: stopped", run("stop", "svg").out().strip());
        assertEquals(List.of("invoke " + SVG + " stopAndReport"), calls);
        assertEquals("svg: already stopped (STOPPED)", run("stop", "svg").out().strip(), "it made no transition");
        Cli.Result started = run("start", "svg");
        assertEquals("svg: started (pid " + servers.pid("svg") + ")", started.out().strip(), started.toString());
        Cli.Result again = run("start", "svg");
        assertEquals(0, again.code(), again.toString());
        assertEquals("svg: already started (pid " + servers.pid("svg") + ")", again.out().strip());
        assertEquals(List.of("invoke " + SVG + " startAndReport"), calls);
    }

    @Test
    void anUnknownIdCostsASecondCallForTheKnownOnes() {
        Cli.Result unknown = run("restart", "nope");
        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals("unknown server [nope]: the known servers are is, svg, ps", unknown.err().strip());
        // the invoke on no MBean ends in the connector, before the MBean server: only the second call arrives
        assertEquals(List.of("getAttributes ImageServing:type=Supervisor [Pid, Version, Uptime, HeapUsed, ServerNames]"),
                calls);
    }

    /** The CLI in-process as the admin of this base, against the connector; {@link #calls} holds only its calls. */
    private Cli.Result run(String... args) {
        calls.clear();
        counting = true;
        try {
            List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
            all.addAll(List.of("--url", connector.url().toString()));
            return new Cli(base, base).run(all.toArray(String[]::new));
        } finally {
            counting = false;
        }
    }

    /** Every call that reaches the MBeans, named by method, MBean and operation or attribute(s). */
    private MBeanServer counted(MBeanServer target) {
        return (MBeanServer) Proxy.newProxyInstance(MBeanServer.class.getClassLoader(), new Class<?>[] {MBeanServer.class},
                (proxy, method, args) -> {
                    // a client's call is an MBeanServerConnection method; the connector's own lookups
                    // (getClassLoaderFor, to read the arguments) belong to the call that caused them
                    if (counting && isClientCall(method)) {
                        calls.add(describe(method, args));
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static boolean isClientCall(Method method) {
        try {
            MBeanServerConnection.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException serverSideOnly) {
            return false;
        }
    }

    private static String describe(Method method, Object[] args) {
        StringBuilder call = new StringBuilder(method.getName());
        for (int i = 0; args != null && i < Math.min(args.length, 2); i++) {
            call.append(' ').append(args[i] instanceof Object[] array ? Arrays.toString(array) : args[i]);
        }
        return call.toString();
    }
}
