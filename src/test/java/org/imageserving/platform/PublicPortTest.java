package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imageserving.stock.StockCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The public port against hostile clients (issue 9), on the real servers at their stock heap (ps 256m): memory
 * bombs beside normal requests, static content streamed with ranges, active content that cannot script our origin,
 * JSONP handlers, strict parsing, methods, pipelining and keep-alive on a raw socket, slow clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class PublicPortTest {

    private static final int BIG_FILE_MB = 60;
    /** How long a normal request may take while the hostile mix runs (2 loaded cores, 7 builds beside us). */
    private static final long NORMAL_MILLIS = 15_000;

    private StockCluster cluster;
    private byte[] small;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        cluster = StockCluster.prepare(Map.of()).startAll();
        Path content = cluster.base().resolve("static-content");
        Files.createDirectories(content);
        small = new byte[100_000];
        new Random(9).nextBytes(small);
        Files.write(content.resolve("small.bin"), small);
        try (OutputStream out = Files.newOutputStream(content.resolve("big.bin"))) {
            byte[] mb = new byte[1024 * 1024];
            for (int i = 0; i < BIG_FILE_MB; i++) {
                out.write(mb);
            }
        }
        Files.writeString(content.resolve("evil.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.cookie)</script></svg>");
        Files.writeString(content.resolve("evil.html"), "<html><script>alert(document.cookie)</script></html>");
        Files.writeString(content.resolve("evil.xml"), "<x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>");
    }

    @AfterAll
    void stop() throws Exception {
        Map<String, Integer> codes = cluster.stopAll();
        String logs = cluster.logs();
        cluster.close();
        assertEquals(Map.of("ps", 0, "is", 0, "svg", 0), codes, "exit codes after SIGTERM\n" + logs);
        assertTrue(cluster.nothingLeft());
    }

    @Test
    void hostileRequestsBesideNormalOnesCostNoMemoryAndNoRestart() throws Exception {
        long psPid = cluster.server("ps").process().pid();
        String bomb = "/is/image/demo/photo?$a=" + "a".repeat(3500) + "&x=" + "$a$".repeat(1000) + "&req=resolve";
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<String>> hostile = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                hostile.add(pool.submit(() -> expect(bomb, 400, 499)));
                hostile.add(pool.submit(() -> {
                    long n = download("/is/content/big.bin");
                    return n == BIG_FILE_MB * 1024L * 1024 ? "ok" : "big.bin: " + n + " bytes";
                }));
                hostile.add(pool.submit(() -> expect("/is/image/demo/photo?wid=99999999999999999999&hei=-1e309", 400, 499)));
                hostile.add(pool.submit(() -> expect("/is/image/demo/photo?req=props,json&handler=alert(document.cookie)%3B//", 400, 499)));
            }
            List<Long> normal = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                HttpResponse<byte[]> r = get(i % 2 == 0 ? "/is/image/demo/photo?wid=200" : "/is/image/demo/photo?wid=" + (150 + i) + "&cache=off");
                normal.add((System.nanoTime() - started) / 1_000_000);
                assertEquals(200, r.statusCode(), "a normal request beside the hostile ones");
            }
            for (Future<String> f : hostile) {
                assertEquals("ok", f.get(300, TimeUnit.SECONDS));
            }
            assertTrue(normal.stream().allMatch(ms -> ms < NORMAL_MILLIS), "normal requests within " + NORMAL_MILLIS + " ms: " + normal);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cluster.server("ps").process().isAlive());
        assertEquals(psPid, cluster.server("ps").process().pid(), "ps was not restarted");
        assertFalse(cluster.logs().contains("OutOfMemoryError"), "no OutOfMemoryError in any log");
    }

    @Test
    void staticContentIsStreamedWithRangesAndConditionals() throws Exception {
        HttpResponse<byte[]> whole = get("/is/content/small.bin");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(small, whole.body());
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        String modified = whole.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));

        HttpResponse<byte[]> part = get("/is/content/small.bin", "Range", "bytes=10-19");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-19/100000", part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(java.util.Arrays.copyOfRange(small, 10, 20), part.body());
        HttpResponse<byte[]> tail = get("/is/content/small.bin", "Range", "bytes=-5");
        assertArrayEquals(java.util.Arrays.copyOfRange(small, small.length - 5, small.length), tail.body());
        HttpResponse<byte[]> past = get("/is/content/small.bin", "Range", "bytes=100000-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */100000", past.headers().firstValue("Content-Range").orElse(""));
        assertEquals(200, get("/is/content/small.bin", "Range", "bytes=0-1", "If-Range", "\"stale\"").statusCode(), "If-Range no longer holds");

        assertEquals(304, get("/is/content/small.bin", "If-None-Match", etag).statusCode());
        assertEquals(304, get("/is/content/small.bin", "If-Modified-Since", modified).statusCode());
        assertEquals(200, get("/is/content/small.bin", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode());

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(cluster.psUrl() + "/is/content/big.bin"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(Long.toString(BIG_FILE_MB * 1024L * 1024), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(0, head.body().length);
    }

    @Test
    void activeContentCannotRunScriptOnOurOrigin() throws Exception {
        for (String name : List.of("evil.svg", "evil.html", "evil.xml")) {
            HttpResponse<byte[]> r = get("/is/content/" + name);
            assertEquals(200, r.statusCode(), name);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("sandbox"), name + " is sandboxed");
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), name);
        }
        assertEquals("attachment", get("/is/content/evil.html").headers().firstValue("Content-Disposition").orElse(""));
        assertFalse(get("/is/content/evil.svg").headers().firstValue("Content-Disposition").isPresent(), "SVG stays usable in <img>");
        for (String url : List.of("/health", "/nowhere", "/is/image/demo/photo?wid=50", "/is/image/demo/photo?wid=x", "/is/content/small.bin")) {
            assertEquals("nosniff", get(url).headers().firstValue("X-Content-Type-Options").orElse(""), "nosniff on " + url);
        }
    }

    @Test
    void aJsonpHandlerIsAPlainJavaScriptName() throws Exception {
        assertEquals("ok", expect("/is/image/demo/photo?req=props,json&handler=alert(document.cookie)%3B//", 400, 499));
        assertEquals("ok", expect("/is/image/demo/photo?req=userdata,json&handler=x%3Dy", 400, 499));
        HttpResponse<byte[]> good = get("/is/image/demo/photo?req=userdata,json&handler=my.callback_1&id=%22%3C/script%3E");
        assertEquals(200, good.statusCode());
        String body = new String(good.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("/*jsonp*/my.callback_1({"), body);
        assertFalse(body.contains("</script>"), "the echoed id is escaped: " + body);
    }

    @Test
    void lenientAndOverflowingValuesAre4xxNever500() throws Exception {
        List<String> urls = new ArrayList<>(List.of("wid=", "fmt=", "flip=", "fmt=png,,jpeg", "fmt=jpeg,rgb,lzw", "qlt=80,1,1",
                "cache=validate,on", "req=props,json,more", "req=img,"));
        String[] huge = {"99999999999999999999", "-99999999999999999999", "1e400", "-1e400", "NaN", "Infinity", "0x7fffffffffffffff"};
        for (String command : List.of("wid", "hei", "scl", "qlt", "rotate", "align", "crop", "cropN", "op_usm", "op_sharpen",
                "bgc", "fit", "resMode", "fmt", "flip", "cache", "req", "defaultImage")) {
            for (String v : huge) {
                urls.add(command + "=" + v);
                urls.add(command + "=" + v + "," + v + "," + v + "," + v);
            }
        }
        for (String query : urls) {
            StockCluster.RawReply r = cluster.rawGet("/is/image/demo/photo?" + query);
            assertTrue(r.status() >= 400 && r.status() < 500 || query.startsWith("defaultImage"), query + " -> " + r.status() + " " + r.body());
            assertTrue(r.status() < 500, query + " -> " + r.status());
        }
        assertEquals("ok", expect("/is/content/small.bin?cache=bogus", 400, 499), "content too");
    }

    @Test
    void anUnknownMethodIs405WithAllow() throws Exception {
        for (String path : List.of("/is/image/demo/photo", "/is/content/small.bin", "/health")) {
            for (String method : List.of("FOO", "DELETE", "PUT", "OPTIONS", "TRACE")) {
                Map<String, String> reply = exchange(method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 1).get(0);
                assertEquals("405", reply.get(":status"), method + " " + path);
                assertEquals("GET, HEAD", reply.get("allow"), method + " " + path);
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        StringBuilder requests = new StringBuilder();
        int n = 60;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] request = switch (i % 6) {
                case 0 -> new String[] {"/health", "", "200"};
                case 1 -> new String[] {"/is/image/demo/photo?wid=40", "", "200"};
                case 2 -> new String[] {"/is/image/demo/photo?req=exists&id=" + i, "", "200"};
                case 3 -> new String[] {"/is/content/small.bin", "", "200"};
                case 4 -> new String[] {"/is/image/demo/photo?wid=abc", "", "403"};
                default -> new String[] {"/is/content/small.bin", "If-None-Match: *\r\n", "304"};
            };
            requests.append("GET ").append(request[0]).append(" HTTP/1.1\r\nHost: x\r\n").append(request[1]).append("\r\n");
            expected.add(request[2]);
        }
        List<Map<String, String>> replies = exchange(requests.toString(), n);
        assertEquals(n, replies.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), replies.get(i).get(":status"), "reply " + i + " in request order");
        }
        assertTrue(replies.get(2).get(":body").contains("catalogRecord.exists=1"));
        assertEquals(Integer.toString(small.length), replies.get(3).get("content-length"));
    }

    @Test
    void keepAliveEndsAfterMaxKeepAliveRequestsAndIdleConnectionsAreClosed() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            requests.append("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        List<Map<String, String>> replies = exchange(requests.toString(), 101);
        assertEquals(100, replies.size(), "Tomcat's maxKeepAliveRequests: the 100th reply closes the connection");
        assertEquals("close", replies.get(99).getOrDefault("connection", ""));

        try (Socket slow = new Socket("127.0.0.1", cluster.server("ps").port())) {
            slow.setSoTimeout(30_000);
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1)); // never finished
            long started = System.nanoTime();
            byte[] rest = slow.getInputStream().readAllBytes(); // until ps closes it
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 10_000 + 5_000, "a silent client is closed after connectionTimeout: " + ms + " ms");
            String text = new String(rest, StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 4"), text);
        }
    }

    @Test
    void slowClientsCostNoThreadsAndOversizedHeadsGet400() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", cluster.server("ps").port());
                s.getOutputStream().write("GET /is/image/demo/photo?wid=10 HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            long started = System.nanoTime();
            assertEquals(200, get("/health").statusCode());
            assertEquals(200, get("/is/image/demo/photo?wid=60").statusCode());
            assertTrue((System.nanoTime() - started) / 1_000_000 < NORMAL_MILLIS, "served beside 200 unfinished requests");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        String bigHeader = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\nConnection: close\r\n\r\n";
        assertEquals("400", exchange(bigHeader, 1).get(0).get(":status"), "request head over http.maxHttpHeaderSize");
        String longLine = "GET /is/image/demo/photo?id=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertEquals("400", exchange(longLine, 1).get(0).get(":status"), "a request line over the limit");
    }

    @Test
    void requestValuesAreEscapedInTheAccessLog() throws Exception {
        String agent = "evil\" 200 0 \"forged";
        exchange("GET /health?x=%0aforged HTTP/1.1\r\nHost: x\r\nUser-Agent: " + agent + "\u00e9\r\nConnection: close\r\n\r\n", 1);
        Path log;
        try (Stream<Path> files = Files.list(cluster.base().resolve("logs"))) {
            log = files.filter(p -> p.getFileName().toString().startsWith("access-")).findFirst().orElseThrow();
        }
        org.imageserving.testing.Await.until("access log line", Duration.ofSeconds(20), () -> {
            try {
                return Files.readString(log, StandardCharsets.ISO_8859_1).contains("/health?x=%0aforged");
            } catch (IOException e) {
                return false;
            }
        }, () -> "");
        String line = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains("/health?x=%0aforged")).findFirst().orElseThrow();
        assertTrue(line.contains("evil\\\" 200 0 \\\"forged"), "the quote in the User-Agent is escaped: " + line);
        assertFalse(line.chars().anyMatch(c -> c < 0x20), "no control characters: " + line);
    }

    private String expect(String url, int low, int high) throws Exception {
        HttpResponse<byte[]> r = get(url);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() < low || r.statusCode() > high) {
            return url.substring(0, Math.min(80, url.length())) + " -> " + r.statusCode() + " " + body;
        }
        return body.length() < 300 ? "ok" : "a " + body.length() + "-character error reply";
    }

    private long download(String url) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(cluster.psUrl() + url)).timeout(Duration.ofSeconds(300))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            for (int read; (read = in.read(buffer)) > 0; ) {
                n += read;
            }
        }
        return r.statusCode() == 200 ? n : -r.statusCode();
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.psUrl() + url)).timeout(Duration.ofSeconds(120)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Writes {@code requests} on one connection and reads up to {@code replies} replies (fewer if ps closes it). */
    private List<Map<String, String>> exchange(String requests, int replies) throws IOException {
        List<Map<String, String>> result = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", cluster.server("ps").port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            while (result.size() < replies) {
                String statusLine = line(in);
                if (statusLine == null) {
                    break;
                }
                Map<String, String> reply = new LinkedHashMap<>();
                reply.put(":status", statusLine.substring(9, 12));
                for (String h; !(h = line(in)).isEmpty(); ) {
                    int colon = h.indexOf(':');
                    reply.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                reply.put(":body", new String(body(in, reply), StandardCharsets.UTF_8));
                result.add(reply);
                if ("close".equals(reply.get("connection"))) {
                    break;
                }
            }
        }
        return result;
    }

    private static byte[] body(InputStream in, Map<String, String> reply) throws IOException {
        if ("chunked".equalsIgnoreCase(reply.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                out.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            return out.toByteArray();
        }
        return in.readNBytes(Integer.parseInt(reply.getOrDefault("content-length", "0")));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                return out.length() == 0 ? null : out.toString();
            }
            if (c != '\r') {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
