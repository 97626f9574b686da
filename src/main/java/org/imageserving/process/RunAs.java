package org.imageserving.process;

import java.util.List;

/**
 * The account a server runs as when the supervisor is root: numeric ids, resolved from {@code <user>} and
 * {@code <group>} at launch ({@link ServerAccounts}).
 *
 * @param user the name or uid as configured, for log lines
 */
public record RunAs(String user, long uid, long gid) {
    /** {@code setpriv} options that switch to this account, supplementary groups included. */
    List<String> setprivOptions() {
        return List.of("--reuid=" + uid, "--regid=" + gid, "--init-groups");
    }
}
