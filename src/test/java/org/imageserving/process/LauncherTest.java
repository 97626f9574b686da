package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.CommandLaunch;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.testing.TestServers;
import org.imageserving.testing.fixtures.ExitAfter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @TempDir
    Path base;

    Homes homes() {
        return new Homes(Path.of("/opt/imageserving"), base);
    }

    static ServerSpec with(ServerSpec spec, ServerSpec.Launch launch, List<String> args, Map<String, String> env) {
        return new ServerSpec(spec.id(), spec.description(), launch, args, spec.workingDirectory(), env,
                spec.startPriority(), spec.startDelay(), spec.startTimeout(), spec.stopTimeout(), spec.readiness(),
                spec.health(), spec.restart());
    }

    @Test
    void javaCommandLine() throws IOException {
        ServerSpec spec = with(TestServers.command("m", "svg", "x").build(),
                new JavaLaunch("org.example.Main", "200m", List.of("-Dfoo=bar")), List.of("--port", "27346"), Map.of());
        List<String> command = new Launcher(homes(), Platform.plain()).command(spec);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
        assertEquals(List.of("-Xmx200m", "-Dimageserving.home=/opt/imageserving", "-Dimageserving.base=" + base,
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dfoo=bar", "-cp", System.getProperty("java.class.path"),
                "org.example.Main", "--port", "27346"),
                command.subList(1, command.size()));
    }

    @Test
    void serversGetJavaToolOptionsAsTheOperatorSetIt() {
        Launcher launcher = new Launcher(homes(), Platform.plain());
        ServerSpec spec = TestServers.command("m", "svg", "x").build();
        Map<String, String> underJsvc = Map.of("JAVA_TOOL_OPTIONS", "-Dsite=1 --add-opens=java.base/java.lang=ALL-UNNAMED",
                Launcher.ORIGINAL_TOOL_OPTIONS, "-Dsite=1", "PATH", "/usr/bin");
        Map<String, String> env = launcher.environment(spec, underJsvc);
        assertEquals("-Dsite=1", env.get("JAVA_TOOL_OPTIONS"));
        assertFalse(env.containsKey(Launcher.ORIGINAL_TOOL_OPTIONS));
        assertEquals("/usr/bin", env.get("PATH"));

        Map<String, String> noneBefore = Map.of("JAVA_TOOL_OPTIONS", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                Launcher.ORIGINAL_TOOL_OPTIONS, "");
        assertFalse(launcher.environment(spec, noneBefore).containsKey("JAVA_TOOL_OPTIONS"));

        Map<String, String> notUnderJsvc = Map.of("JAVA_TOOL_OPTIONS", "-Dsite=1");
        assertEquals("-Dsite=1", launcher.environment(spec, notUnderJsvc).get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void classPathEntriesAreMadeAbsoluteAndWildcardsKept() {
        String cp = String.join(File.pathSeparator, "lib/*", "classes", "", "/opt/x.jar", "*", "../other/y.jar");
        assertEquals(String.join(File.pathSeparator, "/home/u/lib/*", "/home/u/classes", "/home/u", "/opt/x.jar",
                "/home/u/*", "/home/u/../other/y.jar"), Launcher.absoluteClassPath(cp, Path.of("/home/u")));
    }

    /**
     * The launchers give the supervisor only its own jars (bin/supervisor.classpath); a server gets the site's
     * entries, then every jar of lib/ in C order, as the launchers named them before.
     */
    @Test
    void aServerGetsEveryJarOfLibThoughItsSupervisorRunsOnAFew(@TempDir Path home) throws Exception {
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (String jar : List.of("tomcat-embed-core.jar", "imageserving.jar", "Zeta.jar", "log4j-api.jar", "jolokia-json.jar")) {
            Files.writeString(lib.resolve(jar), "");
        }
        Files.writeString(lib.resolve("notes.txt"), "");
        String supervisor = String.join(File.pathSeparator, "/site/extra.jar", lib + "/imageserving.jar",
                lib + "/log4j-api.jar", lib + "/jolokia-json.jar");
        assertEquals(String.join(File.pathSeparator, "/site/extra.jar", lib + "/Zeta.jar", lib + "/imageserving.jar",
                lib + "/jolokia-json.jar", lib + "/log4j-api.jar", lib + "/tomcat-embed-core.jar"),
                Launcher.serverClassPath(supervisor, lib));

        String elsewhere = String.join(File.pathSeparator, home.resolve("target/classes").toString(),
                home.resolve("repository/log4j-api.jar").toString());
        assertEquals(elsewhere, Launcher.serverClassPath(elsewhere, lib), "not run from an install: as it is");
        assertEquals(lib + "/*", Launcher.serverClassPath(lib + "/*", lib), "a wildcard already names every jar");
    }

    /**
     * The supervisor started as {@code cd $HOME; java -cp 'lib/*' …} with the base elsewhere: its servers run in
     * the base, and still find their classes (they used to die of ClassNotFoundException, over and over).
     */
    @Test
    void aServerStartsInTheBaseWithTheRelativeClassPathOfItsSupervisor(@TempDir Path home) throws Exception {
        Path testClasses = Path.of(ExitAfter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        jarOfTheFixtures(testClasses, home.resolve("lib/fixtures.jar"));
        ServerSpec spec = TestServers.java("launcher-test", "cp", ExitAfter.class, "--code", "7").build();

        for (String relative : List.of("lib/*", home.relativize(testClasses).toString())) {
            Launcher launcher = new Launcher(homes(), Platform.plain(), relative, home);
            List<String> command = launcher.command(spec);
            String given = command.get(command.indexOf("-cp") + 1);
            assertTrue(Path.of(given.replace("*", "")).isAbsolute(), relative + " -> " + given);

            Process process = launcher.launch(spec).process();
            try {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server ran and exited");
                assertEquals(7, process.exitValue(), "exit code of ExitAfter, not of a class not found; class path "
                        + relative + " from " + home + ", run in " + base);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** What {@code mvn package} makes of the classes under lib/: a jar (here, of the fixtures only). */
    private static void jarOfTheFixtures(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path fixtures = classes.resolve(ExitAfter.class.getPackageName().replace('.', '/'));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }

    @Test
    void noHeapFlagWithoutAHeap() throws IOException {
        ServerSpec spec = with(TestServers.command("m", "a", "x").build(),
                new JavaLaunch("org.example.Main", null, List.of()), List.of(), Map.of());
        assertTrue(new Launcher(homes(), Platform.plain()).command(spec).stream().noneMatch(w -> w.startsWith("-Xmx")));
    }

    @Test
    void commandsAreFoundOnPath() throws IOException {
        ServerSpec spec = with(TestServers.command("m", "a", "x").build(), new CommandLaunch("sleep"), List.of("5"), Map.of());
        List<String> command = new Launcher(homes(), Platform.plain()).command(spec);
        assertTrue(command.get(0).endsWith("/sleep") && Path.of(command.get(0)).isAbsolute(), command.toString());
        assertEquals("5", command.get(1));
    }

    @Test
    void relativeCommandsAreTakenFromTheWorkingDirectory() throws IOException {
        Path script = Files.writeString(base.resolve("run.sh"), "#!/bin/sh\n");
        script.toFile().setExecutable(true);
        assertEquals(script.toString(), Launcher.resolveExecutable("./run.sh", base, "/usr/bin"));
        assertThrows(IOException.class, () -> Launcher.resolveExecutable("./missing.sh", base, "/usr/bin"));
        IOException e = assertThrows(IOException.class, () -> Launcher.resolveExecutable("nope-nope", base, "/usr/bin:/bin"));
        assertEquals("executable [nope-nope] not found on PATH", e.getMessage());
    }

    @Test
    void environmentHasTheHomesAndTheSpecWins() {
        ServerSpec spec = with(TestServers.command("m", "a", "x").build(), new CommandLaunch("sleep"), List.of(),
                Map.of("EXTRA", "1", "IMAGESERVING_BASE", "/elsewhere"));
        Map<String, String> env = new Launcher(homes(), Platform.plain()).environment(spec);
        assertEquals("/opt/imageserving", env.get("IMAGESERVING_HOME"));
        assertEquals("/elsewhere", env.get("IMAGESERVING_BASE"));
        assertEquals("1", env.get("EXTRA"));
        assertEquals(System.getenv("PATH"), env.get("PATH"), "inherited");
    }

    @Test
    void workingDirectoryDefaultsToTheBase() {
        Launcher launcher = new Launcher(homes(), Platform.plain());
        ServerSpec spec = TestServers.command("m", "a", "x").build();
        assertEquals(base, launcher.workingDirectory(spec));
        assertEquals(base.resolve("temp"), launcher.workingDirectory(TestServers.command("m", "a", "x")
                .workingDirectory(Path.of("temp")).build()));
    }

    @Test
    void linuxPrefixKeepsThePid() {
        Platform platform = Platform.detect();
        if (platform.setsid().isPresent() && platform.setpriv().isPresent()) {
            assertEquals(List.of(platform.setsid().get().toString(), platform.setpriv().get().toString(),
                    "--pdeathsig", "KILL", "--"), platform.commandPrefix());
        }
        assertEquals(List.of(), Platform.plain().commandPrefix());
    }
}
