package org.imageserving.config;

/** Breaks the package direction on purpose (test tree only): the management half reaching a stock server. */
final class DirectionCanary {
    Object reach() {
        return org.imageserving.stock.RenderKey.class;
    }
}
