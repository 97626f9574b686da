package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds lib/cli.jsa at `mvn package`: the class-data archive that makes `ImageServing status` start fast. It
 * runs the real bin/ImageServing once, against a TestSupervisor over the real RMI wire (so that the JMX client
 * classes are in it), with -XX:ArchiveClassesAtExit; the archive records the installed jar paths, as the script
 * uses them. The JVM ignores the archive by itself once a jar changes or the install moves, so a failure here
 * only costs speed: it is reported in one line and the build goes on.
 *
 * <p>Usage: {@code CdsTraining <imageserving home> <scratch base> <class path of TestSupervisor>}
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path base = Path.of(args[1]).toAbsolutePath();
        Path archive = home.resolve("lib").resolve("cli.jsa");
        Files.deleteIfExists(archive); // the script would otherwise load the old one while dumping the new
        try {
            train(home, base, args[2], archive);
            System.out.println("[cds] " + archive + " built (" + Files.size(archive) / 1024 + " KiB)");
        } catch (Exception | AssertionError e) {
            Files.deleteIfExists(archive);
            System.out.println("[cds] WARNING: " + archive + " not built, the CLI starts slower without it: " + e);
        }
    }

    private static void train(Path home, Path base, String classPath, Path archive) throws IOException, InterruptedException {
        Files.createDirectories(base);
        try (TestSupervisorProcess supervisor = TestSupervisorProcess.startWithClassPath(classPath, base)) {
            ProcessBuilder status = new ProcessBuilder(home.resolve("bin").resolve("ImageServing").toString(), "status")
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("training.out").toFile());
            status.environment().put("IMAGESERVING_BASE", base.toString());
            status.environment().put("IMAGESERVING_CLI_OPTS", "-XX:ArchiveClassesAtExit=" + archive);
            status.environment().put("LANG", "C.UTF-8");
            Process cli = status.start();
            if (!cli.waitFor(120, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IOException("bin/ImageServing status did not finish in 120 s");
            }
            if (cli.exitValue() != 0 || !Files.exists(archive)) {
                throw new IOException("bin/ImageServing status exited " + cli.exitValue() + ": "
                        + Files.readString(base.resolve("training.out")).strip());
            }
        }
    }
}
