package org.imageserving.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;
import org.imageserving.text.LogText;
import org.imageserving.proc.ProcFs;

/**
 * Which account each server runs as (supervisord's {@code user=}, systemd's {@code User=}). Only root can
 * switch: a root supervisor runs a server with a {@code <user>} as that user (through {@code setpriv}), any
 * other supervisor runs every server as its own user, as before, and says so once. A {@code <user>} that
 * does not exist is the one documented fallback: the server runs as root, with a warning naming the fix, so a
 * fresh checkout started by root still comes up. A {@code <group>} that does not exist is an error: it was
 * asked for by name.
 */
public final class ServerAccounts {
    private static final Logger LOG = LogManager.getLogger(ServerAccounts.class);

    private final boolean root;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    public ServerAccounts() {
        this(ProcFs.ids(ProcessHandle.current().pid()).map(ids -> ids.uid() == 0).orElse(false));
    }

    ServerAccounts(boolean root) {
        this.root = root;
        if (!root) {
            LOG.info("the supervisor is not root (user {}): every server runs as that user; <user> and <group>"
                    + " apply only to a supervisor started as root", System.getProperty("user.name"));
        }
    }

    public boolean root() {
        return root;
    }

    /** The account to switch to for this spec, or empty to run it as the supervisor's own user. */
    public Optional<RunAs> accountFor(ServerSpec spec) throws IOException {
        if (!root || spec.user() == null) {
            return Optional.empty();
        }
        Optional<long[]> user = lookUp("passwd", spec.user());
        if (user.isEmpty()) {
            if (told.add(spec.id())) {
                LOG.warn("{}: user [{}] does not exist, so the server runs as root; create it (useradd --system"
                        + " --no-create-home --shell /usr/sbin/nologin {}) or set <user> to an existing account",
                        spec.id(), LogText.escape(spec.user()), LogText.escape(spec.user()));
            }
            return Optional.empty();
        }
        long gid = user.get()[1];
        if (spec.group() != null) {
            gid = lookUp("group", spec.group())
                    .orElseThrow(() -> new IOException("group [" + spec.group() + "] does not exist; create it or fix <group>"))[0];
        }
        return Optional.of(new RunAs(spec.user(), user.get()[0], gid));
    }

    /**
     * {@code getent <database> <key>}, so that accounts from NSS (LDAP, sssd) count too: for passwd
     * {uid, primary gid}, for group {gid}. Empty when there is no such entry.
     */
    private static Optional<long[]> lookUp(String database, String key) throws IOException {
        Process getent = new ProcessBuilder("getent", database, key)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out;
        try {
            out = new String(getent.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new IOException("getent " + database + " " + key + " did not answer");
            }
        } catch (InterruptedException e) {
            getent.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + key);
        }
        if (getent.exitValue() != 0) {
            return Optional.empty();
        }
        // passwd: name:x:uid:gid:...   group: name:x:gid:members
        String[] fields = out.strip().split("\n")[0].split(":", -1);
        try {
            return database.equals("passwd")
                    ? Optional.of(new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])})
                    : Optional.of(new long[] {Long.parseLong(fields[2])});
        } catch (RuntimeException e) {
            throw new IOException("getent " + database + " " + key + " answered [" + LogText.escape(out.strip()) + "]");
        }
    }
}
