package org.imageserving.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imageserving.exit.ExitCode;

/**
 * {@code ImageServing status [<id>] [--json]}: the supervisor's and servers' attributes in one Jolokia request
 * when the instance has Jolokia on ({@link JolokiaStatus}), else one JMX/RMI session with one
 * {@code getAttributes} per MBean; then a table or JSON. Exit 0 when everything asked about is RUNNING, 3 when
 * not (LSB), 3 with one line when the supervisor is not running, 4 when it cannot be asked. This is the hot path:
 * it runs without picocli (see {@link FastPath}).
 */
final class StatusQuery {
    /**
     * How long a status read waits for an answer: a wedged supervisor must turn into exit 4, not a monitoring
     * check that hangs. RMI reads the property once, when its transport first loads; status sets it before that.
     */
    static final String RESPONSE_TIMEOUT_PROPERTY = "sun.rmi.transport.tcp.responseTimeout";
    static final String RESPONSE_TIMEOUT_MILLIS = "30000";

    private final CliContext ctx;

    StatusQuery(CliContext ctx) {
        this.ctx = ctx;
    }

    ExitCode run(String serverId, boolean json, ConnectionOptions options) {
        if (System.getProperty(RESPONSE_TIMEOUT_PROPERTY) == null) {
            System.setProperty(RESPONSE_TIMEOUT_PROPERTY, RESPONSE_TIMEOUT_MILLIS);
        }
        String explicitUrl = JmxTarget.explicitUrl(options, ctx);
        PidFile pidFile = null;
        if (explicitUrl == null) {
            pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
            if (!pidFile.running()) {
                return notRunning(pidFile, json);
            }
        }
        JmxTarget target = JmxTarget.resolveForReading(options, ctx);
        Snapshot snapshot = viaJolokia(explicitUrl, target, serverId);
        if (snapshot == null) {
            snapshot = viaJmx(target, pidFile, serverId);
        }
        StatusView view = new StatusView(ctx.messages());
        ctx.out().print(json ? view.json(snapshot) : view.table(snapshot));
        return snapshot.allRunning() ? ExitCode.OK : ExitCode.NOT_RUNNING;
    }

    /**
     * Through Jolokia when this instance has it on, or when the operator named its http URL; null when Jolokia is
     * not there or did not answer this instance's request, so that the JMX/RMI read decides (and explains).
     */
    private Snapshot viaJolokia(String explicitUrl, JmxTarget target, String serverId) {
        String url = explicitUrl != null
                ? (JolokiaStatus.isJolokiaUrl(explicitUrl) ? explicitUrl : null)
                : JolokiaStatus.instanceUrl(ctx.homes().run());
        if (url == null) {
            return null;
        }
        Messages messages = ctx.messages();
        try {
            // No listener check here (ExpectedConnector reads the kernel's whole socket table, tens of ms on a
            // busy host): this instance's Jolokia port is asked only while the supervisor recorded in
            // run/supervisor.pid is alive, and it holds that port; an explicit http URL is the operator's choice.
            return JolokiaStatus.read(url, target.user(), target.password(), serverId, messages);
        } catch (JolokiaStatus.Refused refused) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.authFailed", url, target.user()));
        } catch (IOException failed) {
            if (explicitUrl == null) {
                return null;
            }
            if (Connections.refusedConnection(failed)) {
                throw new CliException(ExitCode.NOT_RUNNING, messages.get("connect.nothingListening", url));
            }
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.failed", url, Connections.rootMessage(failed)));
        }
    }

    private Snapshot viaJmx(JmxTarget target, PidFile pidFile, String serverId) {
        try (SupervisorClient client = Connections.open(target, pidFile, ctx)) {
            return Snapshot.read(client, serverId, ctx.messages());
        } catch (IOException lost) {
            throw new CliException(ExitCode.UNKNOWN, ctx.messages().get("connect.failed", target.url(), Connections.rootMessage(lost)));
        }
    }

    private ExitCode notRunning(PidFile pidFile, boolean json) {
        // with --json, stdout stays for JSON only: the informational line goes to stderr
        var stream = json ? ctx.err() : ctx.out();
        if (pidFile.stale()) {
            stream.println(pidFile.explainStale(ctx.messages()));
        }
        stream.println(ctx.messages().get("status.notRunning", ctx.homes().base()));
        return ExitCode.NOT_RUNNING;
    }

    /** What one status read saw: the supervisor's attributes and each server's, in start order. */
    record Snapshot(Map<String, Object> supervisor, Map<String, Map<String, Object>> servers) {

        static Snapshot read(SupervisorClient client, String onlyId, Messages messages) throws IOException {
            Map<String, Object> supervisor = client.supervisor();
            List<String> names = List.of((String[]) supervisor.get("ServerNames"));
            if (onlyId != null && !names.contains(onlyId)) {
                throw unknownServer(onlyId, names, messages);
            }
            Map<String, Map<String, Object>> servers = new LinkedHashMap<>();
            for (String id : names) {
                if (onlyId == null || onlyId.equals(id)) {
                    Map<String, Object> server = client.server(id);
                    if (server != null) { // unregistered between the two reads: the supervisor is reconfiguring
                        servers.put(id, server);
                    }
                }
            }
            return new Snapshot(supervisor, servers);
        }

        boolean allRunning() {
            for (Map<String, Object> server : servers.values()) {
                if (!"RUNNING".equals(String.valueOf(server.get("State")))) {
                    return false;
                }
            }
            return true;
        }
    }

    static CliException unknownServer(String id, List<String> known, Messages messages) {
        return new CliException(ExitCode.USAGE, messages.get("server.unknown", id, String.join(", ", known)));
    }
}
