package org.imageserving.text;

/** Breaks the package direction on purpose (test tree only): a shared leaf reaching into a half. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.config.ConfigException.class;
    }
}
