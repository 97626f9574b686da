package org.imageserving.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.proc.ProcFs;

/**
 * What this OS offers for keeping process trees together. On Linux with util-linux: {@code setsid} (each
 * server leads its own process group, so the group can be killed as one) and {@code setpriv --pdeathsig KILL}
 * (a server dies with the thread that launched it, even when the supervisor is SIGKILLed). Elsewhere the
 * supervisor still works, with tree kill through {@link ProcessHandle#descendants()} only.
 *
 * @param setsid  absolute path of setsid, when usable
 * @param setpriv absolute path of setpriv, when it supports --pdeathsig
 */
public record Platform(boolean linux, Optional<Path> setsid, Optional<Path> setpriv) {
    private static final Logger LOG = LogManager.getLogger(Platform.class);

    /** Probes this machine once; costs one short-lived process. */
    public static Platform detect() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && ProcFs.available();
        if (!linux) {
            LOG.info("not Linux: no process groups or parent-death signal; stop reaps descendants only");
            return new Platform(false, Optional.empty(), Optional.empty());
        }
        Optional<Path> setsid = findTool("setsid");
        Optional<Path> setpriv = findTool("setpriv").filter(Platform::supportsPdeathsig);
        if (setsid.isEmpty() || setpriv.isEmpty()) {
            LOG.warn("util-linux setsid/setpriv --pdeathsig not found: a SIGKILLed supervisor relies on its guardian alone");
        }
        return new Platform(true, setsid, setpriv);
    }

    /** Without process groups or parent-death signal: for tests of the fallback path. */
    public static Platform plain() {
        return new Platform(false, Optional.empty(), Optional.empty());
    }

    /** The words to put before a server's command; the pid stays that of the server (both exec). */
    public List<String> commandPrefix() {
        return commandPrefix(Optional.empty());
    }

    /**
     * The same, switching to {@code account} first when given. setpriv sets the parent-death signal after the
     * switch (a change of credentials clears it), so the server still dies with the supervisor.
     */
    public List<String> commandPrefix(Optional<RunAs> account) {
        List<String> prefix = new ArrayList<>();
        setsid.ifPresent(p -> prefix.add(p.toString()));
        setpriv.ifPresent(p -> {
            prefix.add(p.toString());
            account.ifPresent(a -> prefix.addAll(a.setprivOptions()));
            prefix.addAll(List.of("--pdeathsig", "KILL", "--"));
        });
        return prefix;
    }

    /** A server launched with the prefix leads its own process group. */
    public boolean groupsServers() {
        return setsid.isPresent();
    }

    private static Optional<Path> findTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path tool = Path.of(dir, name);
            if (Files.isExecutable(tool)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    private static boolean supportsPdeathsig(Path setpriv) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(5, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
