package org.imageserving.stock;

/** Breaks the package direction on purpose (test tree only): a stock class reaching the supervisor. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.supervisor.Supervisor.class;
    }
}
