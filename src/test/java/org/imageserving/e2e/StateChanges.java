package org.imageserving.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.management.AttributeChangeNotification;
import javax.management.InstanceNotFoundException;
import javax.management.Notification;

import org.imageserving.jmx.MBeanNames;
import org.imageserving.testing.Await;

/** A server's State changes as a JMX client hears them: the MBean's attribute change notifications, "FROM -> TO". */
final class StateChanges {
    private final List<String> changes = new ArrayList<>();

    private StateChanges() {}

    static StateChanges listen(StockStack stack, String id) throws IOException, InstanceNotFoundException {
        StateChanges listener = new StateChanges();
        stack.mbeans().addNotificationListener(MBeanNames.server(id), (notification, handback) ->
                listener.heard(notification), null, null);
        return listener;
    }

    private synchronized void heard(Notification notification) {
        if (notification instanceof AttributeChangeNotification change && "State".equals(change.getAttributeName())) {
            changes.add(change.getOldValue() + " -> " + change.getNewValue());
        }
    }

    synchronized int count() {
        return changes.size();
    }

    /**
     * Waits until a change to {@code state} has been heard after the first {@code from} changes (notifications come
     * on the client's own fetch cycle, a little after the attribute changed), and returns those changes.
     */
    List<String> awaitBackTo(String state, int from, Duration deadline) {
        Await.until("a notification of the change to " + state, deadline, () -> {
            List<String> heard = since(from);
            return !heard.isEmpty() && heard.get(heard.size() - 1).endsWith("-> " + state);
        }, () -> since(from).toString());
        return since(from);
    }

    /** The changes heard after the first {@code from}. */
    synchronized List<String> since(int from) {
        return List.copyOf(changes.subList(from, changes.size()));
    }
}
