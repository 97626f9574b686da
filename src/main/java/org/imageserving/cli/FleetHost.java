package org.imageserving.cli;

import java.nio.file.Path;

/**
 * One host of the fleet view: the name its lines carry, the Jolokia URL of its supervisor (on the host's loopback,
 * so normally the local end of an SSH tunnel), and the account to read it with. {@code user} and
 * {@code passwordFile} are null when the operator's defaults apply (--user, --password-file, the environment,
 * this instance's conf/jmxremote.*).
 */
record FleetHost(String name, String url, String user, Path passwordFile) {
    boolean hasAccount() {
        return user != null;
    }
}
