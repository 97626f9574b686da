package org.imageserving.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleet view: one table of every answering host's servers, the host column first, then one line per host in
 * the order given (its supervisor, or {@code host2: UNREACHABLE (…)} / {@code host2: ERROR (…)}); or JSON, one
 * object per host keyed by its name. Everything a host sent is printed through {@link Printable}: another host's
 * answer must not be able to drive this terminal or flood it.
 */
final class FleetView {
    private static final int MAX_CELL = 120;

    private final Messages messages;
    private final StatusView status;
    private final Human human;

    FleetView(Messages messages) {
        this.messages = messages;
        this.status = new StatusView(messages);
        this.human = Human.of(messages);
    }

    String table(List<FleetProbe.Outcome> outcomes) {
        StringBuilder out = new StringBuilder(1024);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            messages.get("fleet.column.host"), messages.get("status.column.id"), messages.get("status.column.state"),
            messages.get("status.column.pid"), messages.get("status.column.uptime"), messages.get("status.column.heap"),
            messages.get("status.column.restarts"), messages.get("status.column.lastError")});
        for (FleetProbe.Outcome outcome : outcomes) {
            if (outcome.snapshot() == null) {
                continue;
            }
            for (Map.Entry<String, Map<String, Object>> server : outcome.snapshot().servers().entrySet()) {
                String[] row = status.row(server.getKey(), server.getValue());
                String[] line = new String[row.length + 1];
                line[0] = outcome.host().name();
                for (int c = 0; c < row.length; c++) {
                    line[c + 1] = Printable.text(row[c], MAX_CELL);
                }
                rows.add(line);
            }
        }
        if (rows.size() > 1) {
            StatusView.appendAligned(out, rows);
        }
        for (FleetProbe.Outcome outcome : outcomes) {
            out.append(hostLine(outcome)).append(System.lineSeparator());
        }
        return out.toString();
    }

    private String hostLine(FleetProbe.Outcome outcome) {
        String name = outcome.host().name();
        if (outcome.snapshot() == null) {
            return messages.get(outcome.unreachable() ? "fleet.unreachable" : "fleet.error", name, outcome.problem());
        }
        Map<String, Object> supervisor = outcome.snapshot().supervisor();
        return name + ": " + messages.get("status.supervisor", Printable.text(supervisor.get("Pid"), MAX_CELL),
                Printable.text(supervisor.get("Version"), MAX_CELL), human.duration(StatusView.asLong(supervisor.get("Uptime"))),
                human.bytes(StatusView.asLong(supervisor.get("HeapUsed"))));
    }

    String json(List<FleetProbe.Outcome> outcomes) {
        Json json = new Json().beginObject();
        for (FleetProbe.Outcome outcome : outcomes) {
            json.name(outcome.host().name()).beginObject()
                    .field("url", outcome.host().url())
                    .field("exitCode", outcome.code().code());
            if (outcome.snapshot() != null) {
                StatusView.fields(json, outcome.snapshot());
            } else {
                json.field("unreachable", outcome.unreachable()).field("error", outcome.problem());
            }
            json.endObject();
        }
        return json.endObject().toString().concat(System.lineSeparator());
    }
}
