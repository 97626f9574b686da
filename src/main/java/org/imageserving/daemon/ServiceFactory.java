package org.imageserving.daemon;

import java.util.Map;

/** How an entry point makes its service from its command-line flags; tests make one with a supervisor of theirs. */
@FunctionalInterface
interface ServiceFactory {
    SupervisorService create(Map<String, String> flags);
}
