package org.imageserving.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

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
        LoopbackHttp.Response response;
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
            return Outcome.answered(host, JolokiaStatus.snapshot((List<?>) MiniJson.parse(response.body()), onlyId, messages));
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

    /** One HTTP/1.0 POST, read to the end of the connection within the deadline and the size limit. */
    private LoopbackHttp.Response post(URI url, String authorization, byte[] json, long deadline, Duration timeout)
            throws IOException {
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String head = "POST " + path + " HTTP/1.0\r\nHost: " + url.getHost() + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        try (Socket socket = new Socket()) {
            int connectMillis = (int) Math.max(1, Math.min(MAX_CONNECT.toMillis(), remainingMillis(deadline)));
            try {
                socket.connect(new InetSocketAddress(url.getHost(), port), connectMillis);
            } catch (SocketTimeoutException slow) {
                throw new Unanswered(messages.get("fleet.connectTimeout", seconds(Duration.ofMillis(connectMillis))));
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(json);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream(8192);
            byte[] chunk = new byte[8192];
            while (true) {
                long left = remainingMillis(deadline);
                if (left <= 0) {
                    throw new Unanswered(messages.get("fleet.timeout", seconds(timeout)));
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int read;
                try {
                    read = in.read(chunk);
                } catch (SocketTimeoutException slow) {
                    throw new Unanswered(messages.get("fleet.timeout", seconds(timeout)));
                }
                if (read < 0) {
                    break;
                }
                if (answer.size() + read > MAX_ANSWER_BYTES) {
                    throw new IOException(messages.get("fleet.tooLarge", MAX_ANSWER_BYTES));
                }
                answer.write(chunk, 0, read);
            }
            return LoopbackHttp.parse(answer.toByteArray());
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
