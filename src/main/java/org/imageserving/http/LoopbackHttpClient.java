package org.imageserving.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one HTTP client of this project, for calls on this machine's loopback: the control script asking the
 * supervisor's Jolokia bridge for {@code status}, and one stock server calling another (ps to is, is to svg).
 * HTTP/1.1 over a plain socket, idle connections kept for the next call (at most {@value #MAX_IDLE}, each for
 * {@value #IDLE_MILLIS} ms, as the JDK's own keep-alive cache does), replies read by Content-Length, chunked, or to
 * the end of the connection, every part bounded. http:// only, no proxy, no redirects, no cookies.
 *
 * <p>Not HttpURLConnection: it costs the control script ~10 ms of start-up (proxy selection, net.properties,
 * keep-alive caches) on every {@code status}. Not {@code java.net.http.HttpClient}: in JDK 17 it cannot be closed,
 * and its selector thread holds up a stopping server's JVM for up to 300 ms. So that the status path stays cheap,
 * this class uses no regex, no lambda and no string concatenation.
 */
public final class LoopbackHttpClient implements AutoCloseable {
    /** Idle connections kept, and for how long: the JDK's http.maxConnections and keep-alive defaults. */
    static final int MAX_IDLE = 5;
    static final long IDLE_MILLIS = 5_000;
    /** Status line and headers together. */
    static final int MAX_HEAD = 64 * 1024;
    /** A body bound for callers that take whatever their own server sends. */
    public static final int UNBOUNDED = Integer.MAX_VALUE - 8;

    /** A reply of any status, its body read in full (so that its connection can serve the next call). */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        /** The header's (first) value; names match whatever their case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final Map<String, String> headers;
    private final int maxBody;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param headers sent with every request (an Authorization, the stock servers' render key)
     * @param maxBody the longest reply body accepted; a longer one is an IOException
     */
    public LoopbackHttpClient(String host, int port, Duration connectTimeout, Map<String, String> headers, int maxBody) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = millis(connectTimeout);
        this.headers = Map.copyOf(headers);
        this.maxBody = maxBody;
    }

    /** @param timeout how long each read of the reply may wait (a {@link SocketTimeoutException} then) */
    public Reply get(String pathAndQuery, Duration timeout) throws IOException {
        return exchange("GET", pathAndQuery, null, null, timeout, 0);
    }

    public Reply post(String pathAndQuery, String contentType, byte[] body, Duration timeout) throws IOException {
        return exchange("POST", pathAndQuery, contentType, body, timeout, 0);
    }

    /**
     * As {@link #post(String, String, byte[], Duration)}, and the whole exchange ends by {@code deadlineNanos}
     * ({@link System#nanoTime()}) too: for a peer the caller does not trust, which could otherwise drip one byte
     * per read timeout and hold the caller for as long as its body limit allows.
     */
    public Reply post(String pathAndQuery, String contentType, byte[] body, Duration timeout, long deadlineNanos)
            throws IOException {
        return exchange("POST", pathAndQuery, contentType, body, timeout, deadlineNanos);
    }

    /** Closes the idle connections; calls still under way finish and close theirs. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            while (!idle.isEmpty()) {
                idle.pop().close();
            }
        }
    }

    private Reply exchange(String method, String target, String contentType, byte[] body, Duration timeout,
            long deadlineNanos) throws IOException {
        byte[] request = request(method, target, contentType, body);
        Connection connection = takeIdle();
        if (connection != null) {
            try {
                return exchange(connection, request, timeout, deadlineNanos);
            } catch (StaleConnection stale) {
                connection.close();     // the server closed it while it idled: once more on a new connection
            }
        }
        try {
            return exchange(open(), request, timeout, deadlineNanos);
        } catch (StaleConnection nothing) {
            throw new EOFException("the connection closed before a reply");
        }
    }

    private Reply exchange(Connection connection, byte[] request, Duration timeout, long deadlineNanos)
            throws IOException {
        boolean keep = false;
        try {
            connection.socket.setSoTimeout(millis(timeout));
            InputStream in = deadlineNanos == 0 ? connection.in
                    : new DeadlineInput(connection.in, connection.socket, millis(timeout), deadlineNanos);
            try {
                connection.out.write(request);
                connection.out.flush();
            } catch (IOException unwritable) {
                throw new StaleConnection();
            }
            Head head = readHead(in);
            Reply reply = new Reply(head.status, Collections.unmodifiableMap(head.headers), readBody(in, head));
            keep = head.reusable;
            return reply;
        } finally {
            if (keep) {
                giveBack(connection);
            } else {
                connection.close();
            }
        }
    }

    private byte[] request(String method, String target, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ')
                .append(target.isEmpty() ? "/" : target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] text = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return text;
        }
        byte[] request = new byte[text.length + body.length];
        System.arraycopy(text, 0, request, 0, text.length);
        System.arraycopy(body, 0, request, text.length, body.length);
        return request;
    }

    private static final class Head {
        int status;
        boolean http11;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        boolean reusable;
    }

    /** Status line and headers; a StaleConnection when the connection ends before the first byte. */
    private static Head readHead(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD};
        String statusLine = line(in, budget, true);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP answer");
        }
        Head head = new Head();
        head.http11 = statusLine.charAt(7) != '0';
        try {
            head.status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException noStatus) {
            throw new IOException("not an HTTP status line", noStatus);
        }
        for (String line = line(in, budget, false); !line.isEmpty(); line = line(in, budget, false)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                head.headers.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return head;
    }

    private byte[] readBody(InputStream in, Head head) throws IOException {
        boolean closeAfter = !head.http11
                || head.headers.getOrDefault("Connection", "").toLowerCase(Locale.ROOT).contains("close");
        if (head.status / 100 == 1 || head.status == 204 || head.status == 304) {
            head.reusable = !closeAfter;
            return new byte[0];
        }
        if (head.headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            byte[] body = chunked(in);
            head.reusable = !closeAfter;
            return body;
        }
        String length = head.headers.get("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException bad) {
                throw new IOException("bad Content-Length", bad);
            }
            if (n < 0 || n > maxBody) {
                throw new TooLong();
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException("reply shorter than its Content-Length");
            }
            head.reusable = !closeAfter;
            return body;
        }
        head.reusable = false;      // delimited by the end of the connection
        byte[] body = in.readNBytes(maxBody == UNBOUNDED ? UNBOUNDED : maxBody + 1);
        if (body.length > maxBody) {
            throw new TooLong();
        }
        return body;
    }

    private byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD};
        while (true) {
            String sizeLine = line(in, budget, false);
            int end = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((end < 0 ? sizeLine : sizeLine.substring(0, end)).trim(), 16);
            } catch (NumberFormatException bad) {
                throw new IOException("bad chunk size", bad);
            }
            if (size == 0) {
                while (!line(in, budget, false).isEmpty()) {
                    // trailers: none we use
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > maxBody) {
                throw new TooLong();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("reply shorter than its chunks");
            }
            body.write(chunk);
            line(in, budget, false);
        }
    }

    /** One CRLF- (or LF-) ended line in ISO-8859-1, within what is left of {@code budget}. */
    private static String line(InputStream in, int[] budget, boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException slow) {
                throw slow;
            } catch (IOException reset) {
                if (first && line.length() == 0) {
                    throw new StaleConnection();
                }
                throw reset;
            }
            if (b < 0) {
                if (first && line.length() == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("the reply ended in its head");
            }
            if (--budget[0] < 0) {
                throw new IOException("reply head too long");
            }
            if (b == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) b);
        }
    }

    private Connection takeIdle() {
        synchronized (idle) {
            long now = System.nanoTime();
            while (!idle.isEmpty()) {
                Connection connection = idle.pop();
                if (now - connection.idleSince < IDLE_MILLIS * 1_000_000) {
                    return connection;
                }
                connection.close();
            }
            return null;
        }
    }

    private void giveBack(Connection connection) {
        synchronized (idle) {
            if (closed || idle.size() >= MAX_IDLE) {
                connection.close();
                return;
            }
            connection.idleSince = System.nanoTime();
            idle.push(connection);
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            } catch (SocketTimeoutException slow) {
                throw new ConnectTimeout(slow);
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    /** The connection ended before any reply: the server had closed it while it idled in our pool. */
    /** The reply's body is longer than the client accepts. */
    public static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super("reply body too long");
        }
    }

    /** The connect, not a read, timed out: the peer is not there (or a firewall drops), rather than slow. */
    public static final class ConnectTimeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        ConnectTimeout(SocketTimeoutException cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    /** Each read waits at most the read timeout and what is left before the deadline; past it, a timeout. */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private final int readMillis;
        private final long deadlineNanos;

        DeadlineInput(InputStream in, Socket socket, int readMillis, long deadlineNanos) {
            super(in);
            this.socket = socket;
            this.readMillis = readMillis;
            this.deadlineNanos = deadlineNanos;
        }

        private void bound() throws IOException {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(left, readMillis == 0 ? Integer.MAX_VALUE : readMillis));
        }

        @Override
        public int read() throws IOException {
            bound();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            bound();
            return super.read(b, off, len);
        }
    }

    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("the connection was closed", null);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
