package org.imageserving.stock;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One request/reply on a {@link LoopbackHttpServer} connection, behind the JDK's {@link HttpExchange} API so that handlers
 * are written as for {@code com.sun.net.httpserver}. The request body is exactly Content-Length bytes, read against
 * the body deadline; the reply is sent with Content-Length (or, for length 0, until the connection closes) against
 * the write deadline. {@link #reusable()} says whether the connection can carry another request.
 */
final class LoopbackExchange extends HttpExchange {

    private final Socket socket;
    private final RequestHead head;
    private final ConnectionDeadline deadline;
    private final LoopbackHttpServer.Timeouts timeouts;
    private final OutputStream raw;
    private final BodyIn body;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final OutputStream responseBody = new FilterOutputStream(null) {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (status < 0) {
                throw new IOException("response headers not sent yet");
            }
            if (head() || len == 0) {
                return;
            }
            if (fixedLength >= 0 && written + len > fixedLength) {
                throw new IOException("reply longer than its Content-Length " + fixedLength);
            }
            raw.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            raw.flush();
        }

        @Override
        public void close() throws IOException {
            raw.flush();
        }
    };
    private int status = -1;
    private long fixedLength;
    private long written;
    private boolean keepAlive;

    LoopbackExchange(Socket socket, RequestHead head, long contentLength, InputStream in, OutputStream raw,
            ConnectionDeadline deadline, LoopbackHttpServer.Timeouts timeouts) {
        this.socket = socket;
        this.head = head;
        this.deadline = deadline;
        this.timeouts = timeouts;
        this.raw = raw;
        this.body = new BodyIn(in, contentLength, deadline, timeouts.body());
        this.keepAlive = head.keepAlive();
    }

    private boolean head() {
        return "HEAD".equals(head.method());
    }

    boolean sent() {
        return status >= 0;
    }

    /** True when the reply is complete, the request body was read to its end and the client keeps the connection. */
    boolean reusable() {
        return keepAlive && status >= 0 && (head() || fixedLength < 0 || written == fixedLength) && body.remaining() == 0;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        try {
            responseBody.flush();
        } catch (IOException e) {
            keepAlive = false;
        }
        deadline.clear();
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    /** As {@link HttpExchange#sendResponseHeaders}: length -1 = no body, 0 = until the connection closes. */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("response headers already sent");
        }
        status = code;
        fixedLength = length > 0 ? length : length == 0 ? -1 : 0;
        if (length == 0) {
            keepAlive = false;
        }
        deadline.expect("writing the reply", timeouts.write());
        StringBuilder out = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        responseHeaders.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Transfer-Encoding")) {
                values.forEach(v -> out.append(name).append(": ").append(v.replaceAll("[\r\n]", " ")).append("\r\n"));
            }
        });
        if (length != 0) {
            out.append("Content-Length: ").append(Math.max(0, length)).append("\r\n");
        }
        if (!keepAlive) {
            out.append("Connection: close\r\n");
        }
        raw.write(out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (fixedLength == 0 || head()) {
            raw.flush();
        }
    }

    /** Ends the connection after this reply (a handler that stops reading the body early, say). */
    void closeAfterReply() {
        keepAlive = false;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException("filters are not supported");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    static String reason(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** The request body: exactly its Content-Length, read within the body deadline (which starts at the first read). */
    private static final class BodyIn extends InputStream {
        private final InputStream in;
        private final ConnectionDeadline deadline;
        private final Duration time;
        private long remaining;
        private boolean started;

        BodyIn(InputStream in, long length, ConnectionDeadline deadline, Duration time) {
            this.in = in;
            this.remaining = length;
            this.deadline = deadline;
            this.time = time;
        }

        long remaining() {
            return remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (!started) {
                started = true;
                deadline.expect("reading the request body", time);
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("connection closed inside the request body");
            }
            remaining -= n;
            if (remaining == 0) {
                deadline.clear();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }
    }
}
