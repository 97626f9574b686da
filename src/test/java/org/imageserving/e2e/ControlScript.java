package org.imageserving.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/ImageServing} of this checkout run against a stack's base, as an operator's shell would run it. */
final class ControlScript {
    /** What one run printed and its exit code. */
    record Run(int code, String out, String err) {}

    private ControlScript() {
    }

    /** Runs {@code bin/ImageServing args} with IMAGESERVING_BASE = {@code base}; its output goes to files there. */
    static Run run(Path base, String... args) throws IOException, InterruptedException {
        Path home = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ImageServing").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(base, "cli-", ".out");
        Path err = Files.createTempFile(base, "cli-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("IMAGESERVING_HOME", home.toString());
        builder.environment().put("IMAGESERVING_BASE", base.toString());
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ImageServing " + String.join(" ", args) + " did not end");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
