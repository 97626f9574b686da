package org.imageserving.jolokia;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.testing.SleepingServers;

/**
 * What every Jolokia test serves: the real supervisor with its three {@code sleep} servers RUNNING, its MBeans on
 * the platform MBean server, and the accounts of {@code base/conf} (made from jmx-templates where absent).
 */
final class ManagedSleepers implements AutoCloseable {
    private final SleepingServers servers;
    private final ManagementBeans beans;
    private final Accounts accounts;

    private ManagedSleepers(SleepingServers servers, ManagementBeans beans, Accounts accounts) {
        this.servers = servers;
        this.beans = beans;
        this.accounts = accounts;
    }

    static ManagedSleepers started(Path base) throws Exception {
        SleepingServers servers = SleepingServers.started(base);
        ManagementBeans beans = null;
        try {
            beans = ManagementBeans.register(ManagementFactory.getPlatformMBeanServer(), servers.supervisor(), () -> { });
            Accounts accounts = new CredentialFiles(base.resolve("conf"), Path.of("jmx-templates")).prepare();
            return new ManagedSleepers(servers, beans, accounts);
        } catch (Exception | AssertionError e) {
            if (beans != null) {
                beans.close();
            }
            servers.close();
            throw e;
        }
    }

    SleepingServers servers() {
        return servers;
    }

    Accounts accounts() {
        return accounts;
    }

    @Override
    public void close() {
        beans.close();
        servers.close(); // fails if a server process is left
    }
}
