package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.imageserving.exit.ExitCode;

/** Where the CLI finds the supervisor and its credentials: flag, then environment, then this instance's files. */
class JmxTargetTest {
    @TempDir
    Path base;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void instanceFiles() throws IOException {
        Files.createDirectories(base.resolve("conf"));
        Files.createDirectories(base.resolve("run"));
        Files.writeString(base.resolve("conf/jmxremote.access"), "# roles\nmonitor readonly\nadmin   readwrite\nops readwrite\n");
        Files.writeString(base.resolve("conf/jmxremote.password"), "monitor m0n\n\n# admins\nadmin\t s3cret \nops 0ps\n");
        Files.writeString(base.resolve("run/jmx.url"), "service:jmx:rmi:///jndi/rmi://127.0.0.1:19910/jmxrmi\n");
    }

    @Test
    void defaultsComeFromThisInstance() {
        JmxTarget target = JmxTarget.resolve(ConnectionOptions.NONE, ctx());
        assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:19910/jmxrmi", target.url());
        assertEquals("admin", target.user(), "the first readwrite user");
        assertEquals("s3cret", target.password());
        assertFalse(target.explicit());
    }

    @Test
    void theEnvironmentOverridesTheFiles() throws IOException {
        Path secret = Files.writeString(base.resolve("secret"), "t0ps3cret\n");
        env.put("IMAGESERVING_JMX_URL", "service:jmx:rmi:///jndi/rmi://10.0.0.1:9910/jmxrmi");
        env.put("IMAGESERVING_JMX_USER", "monitor");
        env.put("IMAGESERVING_JMX_PASSWORD_FILE", secret.toString());
        JmxTarget target = JmxTarget.resolve(ConnectionOptions.NONE, ctx());
        assertEquals("service:jmx:rmi:///jndi/rmi://10.0.0.1:9910/jmxrmi", target.url());
        assertEquals("monitor", target.user());
        assertEquals("t0ps3cret", target.password(), "a file holding only the password");
        assertTrue(target.explicit());
    }

    @Test
    void flagsOverrideTheEnvironment() {
        env.put("IMAGESERVING_JMX_URL", "service:jmx:rmi:///jndi/rmi://10.0.0.1:9910/jmxrmi");
        env.put("IMAGESERVING_JMX_USER", "monitor");
        ConnectionOptions flags = new ConnectionOptions("service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi", "ops",
                base.resolve("conf/jmxremote.password"));
        JmxTarget target = JmxTarget.resolve(flags, ctx());
        assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi", target.url());
        assertEquals("ops", target.user());
        assertEquals("0ps", target.password());
    }

    @Test
    void startAndStopIgnoreAnExportedUrlAndUseThisInstance() {
        env.put("IMAGESERVING_JMX_URL", "service:jmx:rmi:///jndi/rmi://10.0.0.1:9910/jmxrmi");
        JmxTarget target = JmxTarget.resolveLocal(ConnectionOptions.NONE, ctx());
        assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:19910/jmxrmi", target.url());
        assertFalse(target.explicit());
    }

    @Test
    void missingOrIncompleteCredentialFilesSayWhatToDo() throws IOException {
        env.put("IMAGESERVING_JMX_USER", "nobody");
        CliException noPassword = assertThrows(CliException.class, () -> JmxTarget.resolve(ConnectionOptions.NONE, ctx()));
        assertEquals(ExitCode.UNKNOWN, noPassword.exitCode());
        assertTrue(noPassword.getMessage().contains("no password for user nobody"), noPassword.getMessage());

        env.remove("IMAGESERVING_JMX_USER");
        Files.delete(base.resolve("conf/jmxremote.access"));
        CliException noAccess = assertThrows(CliException.class, () -> JmxTarget.resolve(ConnectionOptions.NONE, ctx()));
        assertTrue(noAccess.getMessage().contains("jmxremote.access is missing: start the supervisor once"),
                noAccess.getMessage());

        Files.writeString(base.resolve("conf/jmxremote.access"), "monitor readonly\n");
        CliException readOnly = assertThrows(CliException.class, () -> JmxTarget.resolve(ConnectionOptions.NONE, ctx()));
        assertTrue(readOnly.getMessage().contains("names no readwrite user"), readOnly.getMessage());
    }

    @Test
    void registryUrlsAreTakenApart() {
        assertEquals(new SupervisorClient.RegistryAddress("127.0.0.1", 9910, "jmxrmi"),
                SupervisorClient.RegistryAddress.parse("service:jmx:rmi:///jndi/rmi://127.0.0.1:9910/jmxrmi"));
        assertEquals(new SupervisorClient.RegistryAddress("localhost", 19999, "jmxrmi"),
                SupervisorClient.RegistryAddress.parse("service:jmx:rmi://localhost:19999/jndi/rmi://localhost:19999/jmxrmi"));
        assertEquals(new SupervisorClient.RegistryAddress("::1", 9910, "jmxrmi"),
                SupervisorClient.RegistryAddress.parse("service:jmx:rmi:///jndi/rmi://[::1]:9910/jmxrmi"));
        assertNull(SupervisorClient.RegistryAddress.parse("service:jmx:rmi:///stub/rO0ABXNy"));
        assertNull(SupervisorClient.RegistryAddress.parse("service:jmx:jmxmp://127.0.0.1:9910"));
        assertEquals("service:jmx:rmi:///jndi/rmi://127.0.0.1:9910/jmxrmi", JmxTarget.urlForPort(9910));
    }

    @Test
    void passwordLinesSplitOnAnyBlanks() {
        assertEquals(java.util.List.of("admin", "s3cret"), java.util.List.of(Credentials.fields("admin \t s3cret")));
    }

    private CliContext ctx() {
        Properties props = new Properties();
        props.setProperty("imageserving.base", base.toString());
        props.setProperty("imageserving.home", base.toString());
        return new CliContext(org.imageserving.install.Homes.resolve(env, props), env, props, Messages.forLocale(Locale.ROOT), System.out,
                System.err, java.nio.charset.StandardCharsets.UTF_8, false);
    }
}
