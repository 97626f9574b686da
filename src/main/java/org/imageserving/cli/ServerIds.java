package org.imageserving.cli;

import java.util.Iterator;
import java.util.List;

/** Completion candidates for a server id: the stock servers (user-defined ids are typed in full). */
final class ServerIds implements Iterable<String> {
    static final List<String> STOCK = List.of("ps", "is", "svg");

    @Override
    public Iterator<String> iterator() {
        return STOCK.iterator();
    }
}
