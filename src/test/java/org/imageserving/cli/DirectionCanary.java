package org.imageserving.cli;

/** Breaks the package direction on purpose (test tree only): the control script past the MXBean interfaces. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.jmx.ServerBean.class;
    }
}
