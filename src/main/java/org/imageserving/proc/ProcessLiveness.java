package org.imageserving.proc;

import java.nio.file.Path;

/**
 * The one rule for "is this process still alive" and "is this pid still the supervisor of this base", for the
 * control script (its pid file checks), the supervisor (claiming the pid file, ending jsvc controllers) and the
 * process tree kill alike.
 * <ul>
 *   <li>Alive means alive and not a zombie: a killed process whose parent has not reaped it yet is gone for us
 *       (the JDK reports it alive, and an init that never reaps would keep it forever).</li>
 *   <li>A pid is never trusted blindly (pids are reused): the supervisor is a live process whose command line names
 *       one of our classes ({@value #MARKER}, which jsvc's does too) and, when it says which instance it serves
 *       ({@value #BASE_PROPERTY}), this one.</li>
 *   <li>A live process whose command line cannot be read (another user's, hidepid) cannot be proved stale, so it
 *       counts as the supervisor: better "already running" than a second supervisor.</li>
 * </ul>
 * No regex, lambda or string concatenation on the path {@code status} takes.
 */
public final class ProcessLiveness {
    /** Every ImageServing JVM names one of our classes on its command line. */
    public static final String MARKER = "org.imageserving.";
    /** How a JVM of ours says which base it serves. */
    public static final String BASE_PROPERTY = "-Dimageserving.base=";

    private ProcessLiveness() {}

    /** What a pid is to the supervisor of a base. */
    public enum Standing {
        /** A live process that is this base's supervisor. */
        SUPERVISOR,
        /** A live process whose command line is not ours to read: it cannot be proved not to be the supervisor. */
        UNREADABLE,
        /** No such process, or only its zombie. */
        GONE,
        /** A live process that is something else: the pid was reused. */
        OTHER
    }

    /** The standing of a pid and the command line it was judged by (empty when gone or unreadable). */
    public record Verdict(Standing standing, String[] arguments) {
        /** Whether it must be treated as the running supervisor. */
        public boolean supervisor() {
            return standing == Standing.SUPERVISOR || standing == Standing.UNREADABLE;
        }
    }

    /** Alive and not a zombie. */
    public static boolean isAlive(ProcessHandle handle) {
        return handle.isAlive() && !ProcFs.stat(handle.pid()).map(ProcFs.Stat::gone).orElse(false);
    }

    /** Whether {@code pid} is (or must be taken for) the supervisor of {@code base}. */
    public static Verdict supervisorOf(long pid, Path base) {
        String[] arguments = pid > 0 ? ProcFs.arguments(pid) : null;
        if (arguments == null) {
            return new Verdict(Standing.GONE, new String[0]);
        }
        if (arguments.length == 0) {
            return new Verdict(Standing.UNREADABLE, arguments);
        }
        return new Verdict(isSupervisorOf(arguments, base) ? Standing.SUPERVISOR : Standing.OTHER, arguments);
    }

    /** A command line of ours ({@value #MARKER}) that names no base, or names this one. */
    public static boolean isSupervisorOf(String[] arguments, Path base) {
        boolean marked = false;
        for (String argument : arguments) {
            if (argument.startsWith(BASE_PROPERTY) && !sameBase(argument, base)) {
                return false;
            }
            marked |= argument.contains(MARKER);
        }
        return marked;
    }

    /** Whether a command line names this base explicitly (a jsvc controller of the base does). */
    public static boolean namesBase(String[] arguments, Path base) {
        for (String argument : arguments) {
            if (argument.startsWith(BASE_PROPERTY)) {
                return sameBase(argument, base);
            }
        }
        return false;
    }

    private static boolean sameBase(String property, Path base) {
        try {
            Path theirs = Path.of(property.substring(BASE_PROPERTY.length())).toAbsolutePath().normalize();
            return theirs.equals(base.toAbsolutePath().normalize());
        } catch (RuntimeException unreadablePath) {
            return false;
        }
    }
}
