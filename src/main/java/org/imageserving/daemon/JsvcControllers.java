package org.imageserving.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.process.ProcFs;
import org.imageserving.process.ProcessTree;
import org.imageserving.text.LogText;

/**
 * jsvc controllers of this base left without a supervisor. jsvc's controller ({@code run_controller} in
 * commons-daemon's {@code native/unix/native/jsvc-unix.c}) forks the JVM and waits for it; when the JVM dies by a
 * signal (a SIGKILL, the OOM killer) it sleeps up to 60 s and forks a new one, whatever happened meanwhile: a
 * {@code stop} that already returned, a new supervisor started on the base, the base deleted. A SIGTERM does not
 * stop that sleeper either (it forwards the signal to its dead child's pid, then forks anyway), so a controller
 * with no child is ended with SIGKILL; it holds nothing else.
 *
 * <p>Called with the {@link BaseLock} held: any other controller of the base is then an orphan, and one caught
 * just forking a child is left alone (that child finds the base locked and ends, and its controller with it).
 */
final class JsvcControllers {
    private static final Logger LOG = LogManager.getLogger(JsvcControllers.class);

    private static final String BASE_PROPERTY = "-Dimageserving.base=";

    private JsvcControllers() {}

    /** Kills every childless jsvc process whose command line names this base; answers how many. */
    static int endOrphans(Path base) {
        Path ourBase = base.toAbsolutePath().normalize();
        List<Long> ours = ancestors();
        int ended = 0;
        for (long pid : ProcFs.pids()) {
            if (pid <= 1 || ours.contains(pid) || !isJsvc(pid) || !namesBase(arguments(pid), ourBase)) {
                continue;
            }
            ProcessHandle controller = ProcessHandle.of(pid).orElse(null);
            if (controller == null || controller.children().anyMatch(ProcessTree::isAlive)) {
                continue;
            }
            LOG.warn("ending jsvc controller {} of this base: its supervisor is gone, and it would start another one"
                    + " within 60 s", pid);
            if (controller.destroyForcibly()) {
                ended++;
            } else {
                LOG.warn("cannot end jsvc controller {} ({}): end it by hand (kill -KILL {})", pid,
                        LogText.escape(ProcFs.commandLine(pid)), pid);
            }
        }
        return ended;
    }

    /** This process and its ancestors: our own controller, when jsvc runs us, is never an orphan. */
    private static List<Long> ancestors() {
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            pids.add(p.pid());
        }
        return pids;
    }

    private static boolean isJsvc(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString().equals("jsvc");
        } catch (Exception e) {
            List<String> args = arguments(pid);      // another user's process: its exe link is not ours to read
            return !args.isEmpty() && (args.get(0).equals("jsvc") || args.get(0).endsWith("/jsvc"));
        }
    }

    private static boolean namesBase(List<String> arguments, Path base) {
        for (String argument : arguments) {
            if (argument.startsWith(BASE_PROPERTY)) {
                try {
                    return Path.of(argument.substring(BASE_PROPERTY.length())).toAbsolutePath().normalize().equals(base);
                } catch (RuntimeException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static List<String> arguments(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
        } catch (Exception e) {
            return List.of();
        }
    }
}
