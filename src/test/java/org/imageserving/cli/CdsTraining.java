package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imageserving.testing.Ports;

/**
 * Builds lib/cli.jsa at `mvn package`: the class-data archive that makes `ImageServing status` start fast. It
 * runs the real bin/ImageServing status once with -XX:ArchiveClassesAtExit, against the real supervisor, started
 * with `ImageServing start` on a scratch instance of three sleep servers ({@link SleepingRegistry}), Jolokia on as
 * shipped, then stopped. The archive records the installed jar paths, as the script uses them; the JVM ignores it
 * by itself once a jar changes or the install moves, so a failure here only costs speed: it is reported in one
 * line and the build goes on.
 *
 * <p>Usage: {@code CdsTraining <imageserving home> <scratch base>}
 */
public final class CdsTraining {
    private static final long TIMEOUT_SECONDS = 120;

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path base = Path.of(args[1]).toAbsolutePath();
        Path archive = home.resolve("lib").resolve("cli.jsa");
        Files.deleteIfExists(archive); // the script would otherwise load the old one while dumping the new
        try {
            SleepingRegistry.write(home, base, Ports.free(), Set.of());
            script(home, base, Map.of(), "start");
            try {
                script(home, base, Map.of("IMAGESERVING_CLI_OPTS", "-XX:ArchiveClassesAtExit=" + archive), "status");
            } finally {
                script(home, base, Map.of(), "stop");
            }
            System.out.println("[cds] " + archive + " built (" + Files.size(archive) / 1024 + " KiB)");
        } catch (Exception | AssertionError e) {
            Files.deleteIfExists(archive);
            System.out.println("[cds] WARNING: " + archive + " not built, the CLI starts slower without it: " + e);
        }
    }

    /** bin/ImageServing with these arguments on the scratch instance; fails unless it exits 0. */
    private static void script(Path home, Path base, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin").resolve("ImageServing").toString()));
        command.addAll(List.of(args));
        Path output = base.resolve("training.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("IMAGESERVING_BASE", base.toString());
        builder.environment().put("IMAGESERVING_JSVC", "none");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("IMAGESERVING_JMX_URL");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("bin/ImageServing " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("bin/ImageServing " + String.join(" ", args) + " exited " + process.exitValue() + ": "
                    + Files.readString(output).strip());
        }
    }
}
