package org.imageserving.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imageserving.exit.ExitCode;

/**
 * Starts the supervisor as a background service, the way this machine allows: under jsvc when it is installed
 * ({@code bin/daemon.sh start}, Tomcat style), otherwise as a detached JVM ({@code setsid bin/ImageServing run},
 * output appended to logs/supervisor.out). IMAGESERVING_JSVC names another jsvc, or {@code none} to force the
 * detached JVM.
 */
final class SupervisorLauncher {
    static final String JSVC_ENV = "IMAGESERVING_JSVC";
    private static final Path DEBIAN_JSVC = Path.of("/usr/bin/jsvc");

    /** A launched supervisor: the detached JVM's process (null under jsvc, whose launcher has already returned). */
    record Launched(String how, Process process) {}

    private final CliContext ctx;
    private final Path jsvc;

    SupervisorLauncher(CliContext ctx) {
        this.ctx = ctx;
        this.jsvc = findJsvc(ctx);
    }

    /** jsvc named by IMAGESERVING_JSVC, else /usr/bin/jsvc, else jsvc on PATH; null when none (or "none"). */
    static Path findJsvc(CliContext ctx) {
        String configured = ctx.envOrNull(JSVC_ENV);
        if (configured != null) {
            if (configured.equals("none")) {
                return null;
            }
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(path)) {
                throw new CliException(ExitCode.USAGE, ctx.messages().get("launch.jsvcMissing", JSVC_ENV, configured));
            }
            return path;
        }
        if (Files.isExecutable(DEBIAN_JSVC)) {
            return DEBIAN_JSVC;
        }
        return onPath(ctx.env(), "jsvc");
    }

    Launched launch() throws IOException, InterruptedException {
        Path logs = ctx.homes().logs();
        Files.createDirectories(logs);
        Files.createDirectories(ctx.homes().run());
        return jsvc != null ? launchJsvc() : launchDetached(logs.resolve("supervisor.out"));
    }

    private Launched launchJsvc() throws IOException, InterruptedException {
        Path daemonScript = ctx.homes().home().resolve("bin").resolve("daemon.sh");
        ProcessBuilder builder = new ProcessBuilder(daemonScript.toString(), "start").inheritIO();
        environment(builder).put(JSVC_ENV, jsvc.toString());
        int exit = builder.start().waitFor();
        if (exit != 0) {
            Path output = ctx.homes().logs().resolve("supervisor.out");
            String tail = Tail.lastLines(output, 8);
            throw new CliException(ExitCode.FAILURE, ctx.messages().get("launch.jsvcFailed", daemonScript, exit, output)
                    + (tail.isEmpty() ? "" : System.lineSeparator() + tail));
        }
        return new Launched("jsvc", null);
    }

    private Launched launchDetached(Path output) throws IOException {
        List<String> command = new ArrayList<>();
        Path setsid = onPath(ctx.env(), "setsid");
        if (setsid != null) {
            command.add(setsid.toString()); // its own session: a closing terminal's SIGHUP does not reach it
        }
        Path script = ctx.script();
        if (script.toString().endsWith(".bat")) {
            command.add("cmd.exe");
            command.add("/c");
        }
        command.add(script.toString());
        command.add("run");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")));
        environment(builder);
        builder.directory(ctx.homes().base().toFile());
        return new Launched("java", builder.start());
    }

    private Map<String, String> environment(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.put("IMAGESERVING_HOME", ctx.homes().home().toString());
        env.put("IMAGESERVING_BASE", ctx.homes().base().toString());
        return env;
    }

    static Path onPath(Map<String, String> env, String name) {
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        return null;
    }
}
