package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code playlog}: what it replays of a log, the rate bound on a clock of its own, and runs against real HTTP
 * servers on loopback: concurrency, redirects (never off-host), failures. The run against a real ps is
 * {@code e2e.PlaylogIT}.
 */
class PlaylogTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private HttpServer elsewhere;
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private final Queue<String> seenElsewhere = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {server, elsewhere}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "127.0.0.1 - - [06/Dec/2026:01:02:03 +0000] \"GET /is/image/demo/photo?wid=200 HTTP/1.1\" 200 1234 \"-\" \"curl/8\"|REPLAY|/is/image/demo/photo?wid=200",
        "10.0.0.1 - - [06/Dec/2026:01:02:03 +0000] \"GET /is/content/demo/logo.svg HTTP/1.0\" 200 99|REPLAY|/is/content/demo/logo.svg",
        "127.0.0.1 - - [06/Dec/2026:01:02:03 +0000] \"GET /is/image HTTP/1.1\" 200 99 12 \"-\" \"x\" REUSED -|REPLAY|/is/image",
        "/is/image/demo/photo?wid=300&fmt=png|REPLAY|/is/image/demo/photo?wid=300&fmt=png",
        "http://images.example.com/is/image/demo/photo?$hero$|REPLAY|/is/image/demo/photo?$hero$",
        "127.0.0.1 - - [x] \"GET http://proxy.example/is/image/a?wid=1 HTTP/1.1\" 200 9|REPLAY|/is/image/a?wid=1",
        "127.0.0.1 - - [x] \"POST /is/image/demo/photo HTTP/1.1\" 200 1|NOT_GET|",
        "127.0.0.1 - - [x] \"HEAD /is/image/demo/photo HTTP/1.1\" 200 1|NOT_GET|",
        "127.0.0.1 - - [x] \"GET /health HTTP/1.1\" 200 1|OTHER_PATH|",
        "127.0.0.1 - - [x] \"GET /is/imagex HTTP/1.1\" 200 1|OTHER_PATH|",
        "/is/image/../../manager/html|OTHER_PATH|",
        "/is/image/%2e%2e/%2e%2e/manager|OTHER_PATH|",
        "/is/image/a%2F..%2F..%2Fx|OTHER_PATH|",
        "/is/content//etc/passwd|OTHER_PATH|",
        "127.0.0.1 - - [x] \"\\x16\\x03\\x01\" 400 0|MALFORMED|",
        "127.0.0.1 - - [x] \"GET /is/image/a b HTTP/1.1\" 400 0|MALFORMED|",
        "127.0.0.1 - - [x] \"GET /is/image/a|MALFORMED|",
        "two words|MALFORMED|",
        "ftp://host/is/image/a|MALFORMED|",
        "/is/image/a#fragment|MALFORMED|",
        "/is/image/é|MALFORMED|",
        "   |IGNORED|",
        "# a comment|IGNORED|",
    })
    void linesAreReadForWhatTheyAre(String line, AccessLogLine.Kind kind, String target) {
        AccessLogLine parsed = AccessLogLine.parse(line);
        assertEquals(kind, parsed.kind(), line);
        assertEquals(target, parsed.target(), line);
    }

    /** A clock that moves only when the bucket waits: the time a run needs, without spending it. */
    static final class FakeClock implements TokenBucket.Clock {
        long now;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void theBucketHoldsTheRateOverAnySpan() throws InterruptedException {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(10, 1, clock);
        for (int i = 0; i < 101; i++) {
            bucket.acquire();
        }
        // one at once (the burst), then one every 100 ms
        assertEquals(10_000_000_000L, clock.slept, 2_000_000L);

        FakeClock burstClock = new FakeClock();
        TokenBucket bursty = new TokenBucket(100, TokenBucket.burstFor(100), burstClock);
        for (int i = 0; i < 10; i++) {
            bursty.acquire();
        }
        assertEquals(0, burstClock.slept, "a tenth of a second's worth leaves at once");
        bursty.acquire();
        assertTrue(burstClock.slept > 0);
        burstClock.now += 60_000_000_000L; // a minute idle refills the bucket to its size, not beyond
        for (int i = 0; i < 10; i++) {
            bursty.acquire();
        }
        long before = burstClock.slept;
        bursty.acquire();
        assertTrue(burstClock.slept > before, "idle time does not buy a bigger burst");
    }

    private String start(int answerStatus, int delayMillis, AtomicInteger inFlight, AtomicInteger maxInFlight) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        elsewhere.createContext("/", exchange -> {
            seenElsewhere.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        String other = "http://127.0.0.1:" + elsewhere.getAddress().getPort();
        server.createContext("/", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                String target = exchange.getRequestURI().toString();
                seen.add(exchange.getRequestMethod() + " " + target + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
                Thread.sleep(delayMillis);
                if (target.endsWith("redirect=here")) {
                    exchange.getResponseHeaders().add("Location", "/is/image/landed");
                    exchange.sendResponseHeaders(302, -1);
                } else if (target.endsWith("redirect=away")) {
                    exchange.getResponseHeaders().add("Location", other + "/is/image/stolen");
                    exchange.sendResponseHeaders(302, -1);
                } else {
                    byte[] body = "image".getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(answerStatus, body.length);
                    exchange.getResponseBody().write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Run(Playlog.Summary summary, String out, String err, FakeClock clock) {}

    private Run playlog(String url, String log, double rate, int concurrency, long limit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new org.imageserving.install.Homes(dir, dir), Map.of(), new java.util.Properties(),
                Messages.forLocale(Locale.ROOT), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
        FakeClock clock = new FakeClock();
        Playlog playlog = new Playlog(ctx, new Playlog.Settings(URI.create(url), rate, concurrency, limit, Duration.ofMillis(50),
                Duration.ofMillis(500)), clock);
        Playlog.Summary summary = playlog.run(new ByteArrayInputStream(log.getBytes(StandardCharsets.ISO_8859_1)));
        return new Run(summary, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), clock);
    }

    private static String combined(String method, String target) {
        return "203.0.113.9 - - [06/Dec/2026:01:02:03 +0000] \"" + method + " " + target + " HTTP/1.1\" 200 1234 \"-\" \"Mozilla/5.0\"\n";
    }

    @Test
    void replaysTheImageGetsAtTheRateAndConcurrencyAskedAndCountsTheRest() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        String url = start(200, 30, inFlight, maxInFlight);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            log.append(combined("GET", "/is/image/demo/photo?wid=" + (100 + i)));
        }
        log.append(combined("POST", "/is/image/demo/photo")).append(combined("GET", "/manager/html"))
                .append("garbage\u0000line with spaces\n").append("x".repeat(100_000)).append('\n')
                .append(combined("GET", "/is/image/../../manager/html"));
        Run run = playlog(url, log.toString(), 20, 3, 0);
        assertEquals(new Playlog.Summary(40, 40, 0, 0, 1, 2, 2, false, run.summary().took()), run.summary(), run.err());
        assertEquals(ExitCode.OK, run.summary().code());
        assertEquals(40, seen.size());
        assertTrue(seen.stream().allMatch(r -> r.startsWith("GET /is/image/demo/photo?wid=") && r.endsWith(" ImageServing-playlog")), seen.toString());
        assertTrue(maxInFlight.get() <= 3, "at most 3 at once: " + maxInFlight);
        // 40 requests at 20/s with a burst of 2: at least 38 / 20 s of waiting for tokens
        assertTrue(run.clock().slept >= 1_900_000_000L, "waited " + run.clock().slept + " ns");
        assertTrue(run.out().startsWith("playlog: 40 sent in "), run.out());
        assertTrue(run.out().contains("skipped: 1 not GET, 2 other paths, 2 malformed\n"), run.out());
        assertTrue(run.err().lines().allMatch(l -> l.matches("sent \\d+, ok \\d+, errors \\d+, \\d+\\.\\d/s")), run.err());
    }

    @Test
    void theLimitStopsTheReplay() throws Exception {
        String url = start(200, 0, new AtomicInteger(), new AtomicInteger());
        String log = "/is/image/a?wid=1\n".repeat(50);
        Run run = playlog(url, log, 1000, 4, 7);
        assertEquals(7, run.summary().sent());
        assertEquals(7, seen.size());
    }

    @Test
    void redirectsAreFollowedOnTheSameHostOnlyAndNeverOffIt() throws Exception {
        String url = start(200, 0, new AtomicInteger(), new AtomicInteger());
        Run run = playlog(url, "/is/image/a?redirect=here\n/is/image/b?redirect=away\n", 100, 1, 0);
        assertEquals(List.of(), List.copyOf(seenElsewhere), "nothing was sent to the other host");
        assertTrue(seen.stream().anyMatch(r -> r.startsWith("GET /is/image/landed ")), seen.toString());
        assertEquals(2, run.summary().sent());
        assertEquals(1, run.summary().ok());
        assertEquals(1, run.summary().offHost());
        assertTrue(run.out().contains("1 redirects off-host not followed"), run.out());
    }

    @Test
    void everythingFailedIsExitOne() throws Exception {
        String url = start(500, 0, new AtomicInteger(), new AtomicInteger());
        Run run = playlog(url, "/is/image/a\n/is/image/b\n", 100, 2, 0);
        assertEquals(ExitCode.FAILURE, run.summary().code());
        assertEquals(2, run.summary().errors());
        assertTrue(run.err().contains("playlog: ERROR (every request failed)"), run.err());
        assertTrue(run.out().contains("first error: /is/image/"), run.out());

        Run nothing = playlog(url, combined("POST", "/is/image/a") + "# only a comment\n", 100, 2, 0);
        assertEquals(ExitCode.FAILURE, nothing.summary().code());
        assertTrue(nothing.err().contains("no GET of /is/image or /is/content to replay"), nothing.err());
    }

    @Test
    void aDeadHostIsGivenUpQuickly() throws Exception {
        String dead = "http://127.0.0.1:" + Ports.free();
        Run run = playlog(dead, "/is/image/a\n".repeat(1000), 1000, 2, 0);
        assertEquals(ExitCode.FAILURE, run.summary().code());
        assertTrue(run.summary().gaveUp(), run.toString());
        assertTrue(run.summary().sent() <= Playlog.GIVE_UP_AFTER + 2, "stopped after the failures in a row: " + run.summary());
        assertTrue(run.err().contains("gave up after 20 requests in a row without an answer"), run.err());
    }

    @Test
    void aHostThatAcceptsButNeverAnswersIsGivenUpToo() throws Exception {
        try (TinyServer hung = new TinyServer(connection -> Thread.sleep(60_000))) {
            String url = hung.jolokiaUrl().replace("/jolokia/", "");
            Run run = playlog(url, "/is/image/a\n".repeat(1000), 1000, 4, 0);
            assertTrue(run.summary().gaveUp(), run.toString());
            assertTrue(run.summary().sent() <= Playlog.GIVE_UP_AFTER + 4, "stopped after the failures in a row: " + run.summary());
            assertEquals(0, run.summary().ok());
        }
    }

    @Test
    void theCommandChecksItsOptionsAndReadsAFile() throws Exception {
        String url = start(200, 0, new AtomicInteger(), new AtomicInteger());
        Path log = Files.writeString(dir.resolve("access.log"), combined("GET", "/is/image/demo/photo?wid=64"));
        Cli cli = new Cli(dir, dir);
        Cli.Result ok = cli.run("playlog", log.toString(), "--url", url, "--rate", "50/s", "--concurrency", "2");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().startsWith("playlog: 1 sent in "), ok.toString());
        for (String[] bad : new String[][] {
            {"playlog", log.toString()},
            {"playlog", log.toString(), "--url", "http://user:pw@127.0.0.1:1"},
            {"playlog", log.toString(), "--url", "http://127.0.0.1:1/prefix"},
            {"playlog", log.toString(), "--url", "ftp://127.0.0.1:1"},
            {"playlog", log.toString(), "--url", url, "--rate", "fast"},
            {"playlog", log.toString(), "--url", url, "--rate", "0"},
            {"playlog", log.toString(), "--url", url, "--concurrency", "0"},
            {"playlog", log.toString(), "--url", url, "--limit", "-1"}}) {
            Cli.Result refused = cli.run(bad);
            assertEquals(2, refused.code(), String.join(" ", bad) + "\n" + refused);
            assertTrue(refused.err().startsWith("playlog: "), refused.toString());
            assertTrue(!refused.err().contains("pw@"), "no password repeated: " + refused);
            assertTrue(!refused.err().contains("user:"), "no account repeated: " + refused);
        }
        Cli.Result missing = cli.run("playlog", dir.resolve("nowhere.log").toString(), "--url", url);
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().startsWith("playlog: cannot read "), missing.toString());
    }

    @Test
    void overlongLinesAreSkippedNotHeld() throws IOException {
        BoundedLines lines = new BoundedLines(new ByteArrayInputStream(("a\r\n" + "b".repeat(100) + "\nc").getBytes(StandardCharsets.US_ASCII)), 10);
        assertEquals("a", lines.next());
        assertTrue(lines.next() == BoundedLines.OVERLONG);
        assertEquals("c", lines.next());
        assertNull(lines.next());
    }
}
