package org.imageserving.process;

/** Breaks the package direction on purpose (test tree only): process reaching up into the supervisor. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.supervisor.Supervisor.class;
    }
}
