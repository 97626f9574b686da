package org.imageserving.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ImageServing status [<id>] [--json]}: one JMX session, one {@code getAttributes} per MBean, a table or
 * JSON. Exit 0 when everything asked about is RUNNING, 3 when not (LSB), 3 with one line when the supervisor is
 * not running, 4 when it cannot be asked. This is the hot path: it runs without picocli (see {@link FastPath}).
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
        PidFile pidFile = null;
        if (JmxTarget.explicitUrl(options, ctx) == null) {
            pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
            if (!pidFile.running()) {
                return notRunning(pidFile, json);
            }
        }
        JmxTarget target = JmxTarget.resolve(options, ctx);
        Snapshot snapshot;
        try (SupervisorClient client = Connections.open(target, pidFile, ctx)) {
            snapshot = Snapshot.read(client, serverId, ctx.messages());
        } catch (IOException lost) {
            throw new CliException(ExitCode.UNKNOWN, ctx.messages().get("connect.failed", target.url(), Connections.rootMessage(lost)));
        }
        StatusView view = new StatusView(ctx.messages());
        ctx.out().print(json ? view.json(snapshot) : view.table(snapshot));
        return snapshot.allRunning() ? ExitCode.OK : ExitCode.NOT_RUNNING;
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
