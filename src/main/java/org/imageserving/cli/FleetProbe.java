package org.imageserving.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.imageserving.exit.ExitCode;
import org.imageserving.http.LoopbackHttpClient;

/**
 * Asks one host of the fleet for its status: the same Jolokia bulk read as plain {@code status}, over a connection
 * the CLI does not trust. The other end may be anything that accepts a connection (a dead tunnel, a wrong port, a
 * host under attack), so every step is bounded: the connect, the whole exchange (a deadline checked between reads,
 * so a server that drips one byte a second cannot hold it), the size of the answer, and the JSON's nesting. Every
 * failure becomes this host's line, never the run's.
 */
final class FleetProbe {
    /** A supervisor's answer is a few KB; a thousand servers would be well under this. */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    static final Duration MAX_CONNECT = Duration.ofSeconds(5);

    /** What one host said, or why it said nothing. */
    record Outcome(FleetHost host, StatusQuery.Snapshot snapshot, ExitCode code, boolean unreachable, String problem) {
        static Outcome answered(FleetHost host, StatusQuery.Snapshot snapshot) {
            return new Outcome(host, snapshot, snapshot.allRunning() ? ExitCode.OK : ExitCode.NOT_RUNNING, false, null);
        }

        static Outcome unreachable(FleetHost host, String why) {
            return new Outcome(host, null, ExitCode.UNKNOWN, true, why);
        }

        static Outcome failed(FleetHost host, ExitCode code, String why) {
            return new Outcome(host, null, code, false, why);
        }
    }

    private final Messages messages;

    FleetProbe(Messages messages) {
        this.messages = messages;
    }

    Outcome ask(FleetHost host, String user, Path passwordFile, String onlyId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String password;
        try {
            password = Credentials.password(passwordFile, user, messages);
        } catch (CliException noPassword) {
            return Outcome.failed(host, ExitCode.UNKNOWN, noPassword.getMessage());
        }
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        LoopbackHttpClient.Reply response;
        try {
            response = post(URI.create(host.url()), authorization, JolokiaStatus.REQUEST, deadline, timeout);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException | UnresolvedAddressException down) {
            return Outcome.unreachable(host, Printable.text(Connections.rootMessage(down), 200));
        } catch (Unanswered silent) {
            return Outcome.unreachable(host, silent.getMessage());
        } catch (IOException | RuntimeException broken) {
            return Outcome.failed(host, ExitCode.UNKNOWN, Printable.text(Connections.rootMessage(broken), 200));
        }
        if (response.status() == JolokiaStatus.UNAUTHORIZED) {
            return Outcome.failed(host, ExitCode.UNKNOWN, messages.get("fleet.refused", user));
        }
        if (response.status() != JolokiaStatus.OK) {
            return Outcome.failed(host, ExitCode.UNKNOWN, messages.get("fleet.httpStatus", response.status()));
        }
        try {
            return Outcome.answered(host, JolokiaStatus.snapshot((List<?>) MiniJson.parse(response.text()), onlyId, messages));
        } catch (CliException unknownServer) {
            return Outcome.failed(host, unknownServer.exitCode(), unknownServer.getMessage());
        } catch (IOException | IllegalArgumentException notJolokia) { // a Jolokia error status; JSON that does not parse
            return Outcome.failed(host, ExitCode.UNKNOWN, messages.get("fleet.notJolokia", Printable.text(notJolokia.getMessage(), 200)));
        } catch (RuntimeException otherShape) { // JSON, but not the two reads' answers (casts, indexes, nulls)
            return Outcome.failed(host, ExitCode.UNKNOWN, messages.get("fleet.notJolokia", messages.get("fleet.otherJson")));
        }
    }

    /** No (whole) answer in time: the connect or the exchange timed out. */
    static final class Unanswered extends IOException {
        private static final long serialVersionUID = 1L;

        Unanswered(String message) {
            super(message);
        }
    }

    /** One POST, bounded as a whole by the deadline and in size, over the one loopback HTTP client. */
    private LoopbackHttpClient.Reply post(URI url, String authorization, byte[] json, long deadline, Duration timeout)
            throws IOException {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IOException("not an http:// URL: ".concat(url.toString()));
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        Duration connect = Duration.ofMillis(Math.max(1, Math.min(MAX_CONNECT.toMillis(), remainingMillis(deadline))));
        try (LoopbackHttpClient client = new LoopbackHttpClient(url.getHost(), port, connect,
                Map.of("Authorization", authorization), MAX_ANSWER_BYTES)) {
            return client.post(path, "application/json", json, timeout, deadline);
        } catch (LoopbackHttpClient.TooLong tooLong) {
            throw new IOException(messages.get("fleet.tooLarge", MAX_ANSWER_BYTES));
        } catch (LoopbackHttpClient.ConnectTimeout slow) {
            throw new Unanswered(messages.get("fleet.connectTimeout", seconds(connect)));
        } catch (SocketTimeoutException slow) {
            throw new Unanswered(messages.get("fleet.timeout", seconds(timeout)));
        }
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
