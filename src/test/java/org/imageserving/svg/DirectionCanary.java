package org.imageserving.svg;

/** Breaks the package direction on purpose (test tree only): one stock server reaching another. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.imageserver.ImageServer.class;
    }
}
