package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real bin/ImageServing (or another script of bin/) as a child process, with a clean environment: PATH,
 * HOME, a language, and the instance directory; nothing of the developer's IMAGESERVING_* leaks in.
 */
final class Script {
    /** The project directory: after `mvn package` it is an install (bin/, lib/). */
    static final Path HOME = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private final Path script;
    private final Map<String, String> env = new HashMap<>();

    Script(Path base) {
        this(HOME.resolve("bin").resolve("ImageServing"), base);
    }

    Script(Path script, Path base) {
        this.script = script;
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        if (base != null) {
            env.put("IMAGESERVING_BASE", base.toString());
        }
    }

    Script env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    Result run(String... args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("imageserving-it", ".out");
            Path err = Files.createTempFile("imageserving-it", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().clear();
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + timeout + "; output so far:\n"
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
