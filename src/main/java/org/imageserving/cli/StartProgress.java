package org.imageserving.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the servers come up after a start: one greppable line per server as it settles ({@code is: started
 * (pid 1234)}, {@code svg: ERROR (FATAL: …)}), and on a terminal a line redrawn in place with who is still
 * pending. A server has failed when it is FATAL, or not RUNNING when the start budget runs out.
 */
final class StartProgress {
    private static final long POLL_MILLIS = 200;

    private final CliContext ctx;
    private final SupervisorClient client;
    private final Messages messages;
    private int drawnWidth;

    StartProgress(CliContext ctx, SupervisorClient client) {
        this.ctx = ctx;
        this.client = client;
        this.messages = ctx.messages();
    }

    /** @return the ids of the servers that failed to start, in start order */
    List<String> await(Instant deadline) throws IOException, InterruptedException {
        Instant began = Instant.now();
        List<String> pending = new ArrayList<>(client.serverNames());
        List<String> failed = new ArrayList<>();
        while (true) {
            Map<String, Map<String, Object>> states = new LinkedHashMap<>();
            for (String id : pending) {
                Map<String, Object> server = client.server(id, "State", "Pid", "LastError");
                if (server != null) {
                    states.put(id, server);
                }
            }
            pending.retainAll(states.keySet());
            boolean late = !Instant.now().isBefore(deadline);
            for (Map.Entry<String, Map<String, Object>> entry : states.entrySet()) {
                String id = entry.getKey();
                Map<String, Object> server = entry.getValue();
                String state = String.valueOf(server.get("State"));
                if (state.equals("RUNNING")) {
                    report(messages.get("server.started", id, server.get("Pid")));
                    pending.remove(id);
                } else if (state.equals("FATAL") || late) {
                    report(messages.get("server.error", id, state, server.get("LastError")));
                    pending.remove(id);
                    failed.add(id);
                }
            }
            if (pending.isEmpty()) {
                clearLine();
                return failed;
            }
            draw(states, pending, Duration.between(began, Instant.now()));
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void report(String line) {
        clearLine();
        ctx.out().println(line);
    }

    /** On a terminal only: {@code waiting: ps STARTING, svg BACKOFF (12s)} redrawn in place. */
    private void draw(Map<String, Map<String, Object>> states, List<String> pending, Duration elapsed) {
        if (!ctx.terminal()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String id : pending) {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(id).append(' ').append(states.get(id).get("State"));
        }
        String text = messages.get("start.waiting", line, elapsed.toSeconds());
        clearLine();
        ctx.out().print(text);
        ctx.out().flush();
        drawnWidth = text.length();
    }

    private void clearLine() {
        if (drawnWidth > 0) {
            ctx.out().print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }
}
