package org.imageserving.log;

/** Breaks the package direction on purpose (test tree only): the log files' package reaching into the supervisor. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.supervisor.Supervisor.class;
    }
}
