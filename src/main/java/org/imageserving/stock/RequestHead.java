package org.imageserving.stock;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The request line and header fields of one HTTP/1.x request, read with bounds: at most {@value #MAX_BYTES} bytes
 * and {@value #MAX_FIELDS} fields, so a client cannot make the server buffer without end. What cannot be served is a
 * {@link Refusal} with the status to answer before the connection is closed.
 */
record RequestHead(String method, URI uri, String version, Headers headers) {

    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_FIELDS = 100;
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    /** A request this server will not serve, with the status and one line to answer. */
    static final class Refusal extends Exception {
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Reads one head. {@code firstByte} runs once the first byte is in (the idle wait is over, the header clock
     * starts). Returns null when the connection ends before a request starts.
     */
    static RequestHead read(InputStream in, Runnable firstByte) throws IOException, Refusal {
        int b = in.read();
        while (b == '\r' || b == '\n') { // tolerated between requests (RFC 9112 2.2)
            b = in.read();
        }
        if (b < 0) {
            return null;
        }
        firstByte.run();
        byte[] buffer = new byte[MAX_BYTES];
        int length = 0;
        int lines = 0;
        while (true) {
            if (b < 0) {
                throw new Refusal(400, "connection closed inside the request head");
            }
            if (length == MAX_BYTES) {
                throw new Refusal(431, "request head larger than " + MAX_BYTES + " bytes");
            }
            buffer[length++] = (byte) b;
            if (b == '\n') {
                lines++;
                if (lines > MAX_FIELDS + 1) {
                    throw new Refusal(431, "more than " + MAX_FIELDS + " header fields");
                }
                if (endsWithBlankLine(buffer, length)) {
                    return parse(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
                }
            }
            b = in.read();
        }
    }

    private static boolean endsWithBlankLine(byte[] b, int n) {
        return (n >= 2 && b[n - 2] == '\n') || (n >= 3 && b[n - 2] == '\r' && b[n - 3] == '\n');
    }

    private static RequestHead parse(String text) throws Refusal {
        String[] lines = text.split("\r?\n");
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || !METHOD.matcher(request[0]).matches() || !request[1].startsWith("/")) {
            throw new Refusal(400, "malformed request line");
        }
        if (!request[2].equals("HTTP/1.1") && !request[2].equals("HTTP/1.0")) {
            throw new Refusal(505, "HTTP/1.0 and HTTP/1.1 only");
        }
        URI uri;
        try {
            uri = new URI(request[1]);
        } catch (URISyntaxException e) {
            throw new Refusal(400, "malformed request target");
        }
        Headers headers = new Headers();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                break;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t' || lines[i].substring(0, colon).contains(" ")) {
                throw new Refusal(400, "malformed header field");
            }
            headers.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
        }
        return new RequestHead(request[0], uri, request[2], headers);
    }

    /** The declared body length: 0 without Content-Length; chunked or malformed bodies are refused. */
    long contentLength() throws Refusal {
        if (headers.containsKey("Transfer-Encoding")) {
            throw new Refusal(501, "Transfer-Encoding is not accepted; send Content-Length");
        }
        var values = headers.get("Content-Length");
        if (values == null) {
            return 0;
        }
        if (values.size() != 1 || !values.get(0).matches("\\d{1,18}")) {
            throw new Refusal(400, "malformed Content-Length");
        }
        return Long.parseLong(values.get(0));
    }

    /** Whether the client wants the connection kept for another request. */
    boolean keepAlive() {
        String connection = headers.getFirst("Connection");
        String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
    }
}
