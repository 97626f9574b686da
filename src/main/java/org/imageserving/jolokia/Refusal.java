package org.imageserving.jolokia;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * How the guards in front of Jolokia say no: one WARN line per refused request (every value from the request
 * escaped, so a header or path cannot forge a line or flood the log), and a short JSON answer in Jolokia's own
 * error shape, so that clients parse it like any other error. The reason never echoes request values back.
 */
final class Refusal {
    private static final Logger LOG = LogManager.getLogger(Refusal.class);

    private Refusal() {}

    static void send(HttpExchange exchange, int status, String reason) throws IOException {
        send(exchange, status, reason, null);
    }

    /** @param detail a request value worth having in the log (an Origin, a user name); logged escaped, never sent */
    static void send(HttpExchange exchange, int status, String reason, String detail) throws IOException {
        log(exchange, status, detail == null ? reason : reason + " [" + LogText.escape(detail) + "]");
        byte[] body = ("{\"status\":" + status + ",\"error_type\":\"java.lang.SecurityException\",\"error\":\""
                + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void log(HttpExchange exchange, int status, String reason) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        LOG.warn("Jolokia refused {} {} from {} (Host [{}]): {} {}", LogText.escape(exchange.getRequestMethod()),
                LogText.escape(exchange.getRequestURI().toString()),
                remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort(),
                LogText.escape(exchange.getRequestHeaders().getFirst("Host")), status, reason);
    }
}
