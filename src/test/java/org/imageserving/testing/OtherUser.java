package org.imageserving.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run as another local user ({@code nobody}), the way a hostile local user would run it: the
 * source is written to a directory of its own and started in Java's source-file mode under
 * {@code setpriv --reuid=nobody}. Only root can do that (CI runs as root); {@link #available()} says so.
 */
public final class OtherUser implements AutoCloseable {
    private static final String NOBODY = "65534";

    private final Path dir;
    private final Process process;
    private final Path output;

    private OtherUser(Path dir, Process process, Path output) {
        this.dir = dir;
        this.process = process;
        this.output = output;
    }

    public static boolean available() {
        try {
            return "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")))
                    && Files.isExecutable(Path.of("/usr/bin/setpriv"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Starts {@code className} (a public class in {@code source}) as nobody, or as this user when {@code asNobody} is false. */
    public static OtherUser run(boolean asNobody, String className, String source, String... args) throws IOException {
        Path dir = Files.createTempDirectory("other-user", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djava.rmi.server.hostname=127.0.0.1", file.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new OtherUser(dir, process, output);
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Waits until the output has a line starting with {@code prefix} or the program ended; the output. */
    public String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.lines().anyMatch(line -> line.startsWith(prefix)) || !process.isAlive() && out.equals(output())) {
                return output();
            }
            Thread.sleep(50);
        }
        return output();
    }

    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s: " + output());
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    /** Ends the program and removes its directory. */
    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
