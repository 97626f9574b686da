package org.imageserving.process;

/**
 * The account a server runs as when the supervisor is root: numeric ids, resolved from {@code <user>} and
 * {@code <group>} at launch.
 *
 * @param user the name or uid as configured, for log lines
 */
public record RunAs(String user, long uid, long gid) {
    /** {@code setpriv} options that switch to this account, supplementary groups included. */
    java.util.List<String> setprivOptions() {
        return java.util.List.of("--reuid=" + uid, "--regid=" + gid, "--init-groups");
    }
}
