package org.imageserving.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * jsvc controllers of this base left without a supervisor. jsvc's controller ({@code run_controller} in
 * commons-daemon's {@code native/unix/native/jsvc-unix.c}) forks the JVM and waits for it; when the JVM dies by a
 * signal (a SIGKILL, the OOM killer) it sleeps up to 60 s and forks a new one, whatever happened meanwhile: a
 * {@code stop} that already returned, a new supervisor started on the base, the base deleted. A SIGTERM does not
 * stop that sleeper either (it forwards the signal to its dead child's pid, then forks anyway), so a controller
 * with no child is ended with SIGKILL; it holds nothing else.
 *
 * <p>A starting supervisor calls it with the base's lock held, and {@code ImageServing stop} calls it when no
 * supervisor runs: any other controller of the base is then an orphan. One caught just forking a child is left
 * alone; that child finds the base locked or its pid file taken and ends, and its controller with it. Uses no
 * logging, so that the control script can call it too.
 */
public final class JsvcControllers {
    private JsvcControllers() {}

    /** Childless jsvc processes whose command line names this base, not this process or its ancestors. */
    public static List<Long> orphans(Path base) {
        Path ourBase = base.toAbsolutePath().normalize();
        List<Long> ours = ancestors();
        List<Long> orphans = new ArrayList<>();
        for (long pid : ProcFs.pids()) {
            if (pid <= 1 || ours.contains(pid) || !isJsvc(pid) || !ProcessLiveness.namesBase(arguments(pid), ourBase)) {
                continue;
            }
            ProcessHandle.of(pid)
                    .filter(controller -> controller.children().noneMatch(ProcessLiveness::isAlive))
                    .ifPresent(controller -> orphans.add(controller.pid()));
        }
        return orphans;
    }

    /** SIGKILL; false when it could not be sent (another user's process, or gone). */
    public static boolean end(long pid) {
        return pid > 1 && ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
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
            String[] args = arguments(pid);      // another user's process: its exe link is not ours to read
            return args.length > 0 && (args[0].equals("jsvc") || args[0].endsWith("/jsvc"));
        }
    }

    private static String[] arguments(long pid) {
        String[] arguments = ProcFs.arguments(pid);
        return arguments == null ? new String[0] : arguments;
    }
}
