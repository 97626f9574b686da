package org.imageserving.jmx;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;

/**
 * Turns a server's state transitions into JMX {@link AttributeChangeNotification}s on its {@code State}
 * attribute. Values travel as the state names (open types only), so any client can read them. Delivery runs
 * on the broadcaster's executor: the supervisor loop that calls us never waits for a slow listener.
 */
final class StateNotifier implements ServerControl.StateListener {
    static final MBeanNotificationInfo INFO = new MBeanNotificationInfo(
            new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
            AttributeChangeNotification.class.getName(),
            "Sent on every change of State, with the old and new state names and the reason in the message");

    private final ObjectName source;
    private final NotificationBroadcasterSupport broadcaster;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    StateNotifier(ObjectName source, NotificationBroadcasterSupport broadcaster) {
        this.source = source;
        this.broadcaster = broadcaster;
    }

    @Override
    public void stateChanged(String serverId, ServerState from, ServerState to, String reason) {
        if (closed) {
            return; // the supervisor has no removeStateListener: a closed notifier just stops talking
        }
        String message = serverId + ": " + from + " -> " + to + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        AttributeChangeNotification notification = new AttributeChangeNotification(source,
                sequence.incrementAndGet(), System.currentTimeMillis(), message,
                "State", String.class.getName(), from.name(), to.name());
        try {
            broadcaster.sendNotification(notification);
        } catch (RejectedExecutionException e) {
            // closing: the delivery executor is gone
        }
    }

    void close() {
        closed = true;
    }
}
