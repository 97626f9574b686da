package org.imageserving.log;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager in the supervisor JVM, for one difference: the JDK's own shutdown hook would close
 * every handler while the supervisor's hook is still stopping the servers, and their last lines ("svg: STOPPING
 * -> STOPPED") would be lost. Here that hook's reset is skipped; {@link SupervisorLogging#shutdown()} closes the
 * handlers itself, last. Named by {@code java.util.logging.manager}, which the entry points set.
 */
public final class SupervisorLogManager extends LogManager {
    private static final String JDK_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_SHUTDOWN_HOOK)) {
            return;
        }
        super.reset();
    }
}
