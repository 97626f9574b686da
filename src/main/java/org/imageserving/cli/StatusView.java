package org.imageserving.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link StatusQuery.Snapshot}: an aligned table for people (one line per server, then the
 * supervisor's own line) or JSON for machines, keyed by the MBean attribute names.
 */
final class StatusView {
    private final Messages messages;
    private final Human human;

    StatusView(Messages messages) {
        this.messages = messages;
        this.human = Human.of(messages);
    }

    String table(StatusQuery.Snapshot snapshot) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            messages.get("status.column.id"), messages.get("status.column.state"), messages.get("status.column.pid"),
            messages.get("status.column.uptime"), messages.get("status.column.heap"),
            messages.get("status.column.restarts"), messages.get("status.column.lastError")});
        for (Map.Entry<String, Map<String, Object>> server : snapshot.servers().entrySet()) {
            rows.add(row(server.getKey(), server.getValue()));
        }
        StringBuilder out = new StringBuilder(256);
        appendAligned(out, rows);
        Map<String, Object> supervisor = snapshot.supervisor();
        out.append(messages.get("status.supervisor", supervisor.get("Pid"), supervisor.get("Version"),
                human.duration(asLong(supervisor.get("Uptime"))), human.bytes(asLong(supervisor.get("HeapUsed")))));
        out.append(System.lineSeparator());
        return out.toString();
    }

    String[] row(String id, Map<String, Object> server) {
        long pid = asLong(server.get("Pid"));
        boolean hasProcess = pid > 0;
        String heap = human.bytes(asLong(server.get("HeapUsed")));
        if ("resident".equals(server.get("HeapUsedKind")) && !heap.equals("-")) {
            heap = heap.concat(" ").concat(messages.get("status.resident"));
        }
        Object lastError = server.get("LastError");
        return new String[] {
            id,
            String.valueOf(server.get("State")),
            hasProcess ? Long.toString(pid) : "-",
            hasProcess ? human.duration(asLong(server.get("Uptime"))) : "-",
            hasProcess ? heap : "-",
            String.valueOf(server.get("RestartCount")),
            lastError == null ? "" : lastError.toString()};
    }

    String json(StatusQuery.Snapshot snapshot) {
        Json json = new Json().beginObject();
        fields(json, snapshot);
        return json.endObject().toString().concat(System.lineSeparator());
    }

    /** The snapshot's two members, {@code "supervisor":{…},"servers":{…}}, into an object begun by the caller. */
    static void fields(Json json, StatusQuery.Snapshot snapshot) {
        json.name("supervisor").beginObject();
        for (String attribute : Attributes.SUPERVISOR) {
            json.field(attribute, snapshot.supervisor().get(attribute));
        }
        json.endObject().name("servers").beginObject();
        for (Map.Entry<String, Map<String, Object>> server : snapshot.servers().entrySet()) {
            json.name(server.getKey()).beginObject();
            for (String attribute : Attributes.SERVER) {
                json.field(attribute, server.getValue().get(attribute));
            }
            json.endObject();
        }
        json.endObject();
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            int lineStart = out.length();
            for (int c = 0; c < columns; c++) {
                out.append(row[c]);
                if (c < columns - 1) {
                    out.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            int end = out.length();
            while (end > lineStart && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
            out.append(System.lineSeparator());
        }
    }

    static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}
