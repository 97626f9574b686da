package org.imageserving.e2e;

import org.imageserving.e2e.ControlScript.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.imageserving.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/ImageServing playlog} warming the real ps of a stock stack from a generated access log (combined format,
 * every image URL twice, among lines to skip): every replayable request is sent and answered, and afterwards each
 * URL is a cache hit (the CacheUse field of ps's access log, and X-Cache where ps sends it); the rate bound holds,
 * checked by count against the clock (a loaded machine can only make the run slower, never faster).
 */
class PlaylogIT extends StockStackTestCase {
    private static final int URLS = 12;
    private static final int RATE = 8;
    private static final String CHECK_AGENT = "PlaylogIT-check";

    @Test
    void aReplayedLogLeavesEveryImageInTheCacheAtTheRateAsked() throws Exception {
        List<String> urls = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < URLS; i++) {
            urls.add("/is/image/demo/photo?wid=" + (64 + 8 * i) + "&fmt=jpeg");
        }
        for (int pass = 0; pass < 2; pass++) {
            for (String url : urls) {
                log.append(line("GET", url));
            }
        }
        log.append(line("POST", urls.get(0))).append(line("GET", "/health")).append(line("GET", "/is/image/../../manager"))
                .append("\u0016\u0003\u0001 not a line of any log\n");
        Path accessLog = Files.writeString(stack.base().resolve("replay.log"), log.toString(), StandardCharsets.ISO_8859_1);

        long began = System.nanoTime();
        Run run = imageServing("playlog", accessLog.toString(), "--url", "http://127.0.0.1:" + stack.ports().ps(),
                "--rate", RATE + "/s", "--concurrency", "3");
        double took = (System.nanoTime() - began) / 1e9;
        assertEquals(0, run.code(), run.toString());
        int sent = 2 * URLS;
        assertTrue(run.out().startsWith("playlog: " + sent + " sent in "), run.toString());
        assertTrue(run.out().contains(": " + sent + " ok, 0 errors, "), run.toString());
        assertTrue(run.out().contains("skipped: 1 not GET, 2 other paths, 1 malformed"), run.toString());
        assertTrue(run.err().lines().allMatch(l -> l.startsWith("sent ")), "progress lines only: " + run);
        // a token bucket of RATE a second with a burst of one: the last request leaves no earlier than this
        assertTrue(took >= (sent - 1) / (double) RATE, "took " + took + " s for " + sent + " requests at " + RATE + "/s");
        assertEquals(sent, accessLines("\"ImageServing-playlog\"").size(), "ps saw every replayed request, and only those");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String url : urls) {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ps() + url))
                    .header("User-Agent", CHECK_AGENT).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, reply.statusCode(), url);
            Optional<String> xCache = reply.headers().firstValue("X-Cache");
            xCache.ifPresent(value -> assertTrue(value.startsWith("HIT"), url + ": X-Cache " + value));
        }
        Await.until("the access log has the check requests", Duration.ofSeconds(30),
                () -> accessLines("\"" + CHECK_AGENT + "\"").size() == URLS);
        for (String line : accessLines("\"" + CHECK_AGENT + "\"")) {
            String[] fields = line.split(" ");
            assertEquals("REUSED", fields[fields.length - 2], "a cache hit after the replay: " + line);
        }
    }

    private static String line(String method, String target) {
        return "198.51.100.7 - - [06/Dec/2026:01:02:03 +0000] \"" + method + " " + target + " HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"\n";
    }

    /** The lines of ps's access logs (logs/access-*.log) that contain {@code marker}. */
    private List<String> accessLines(String marker) {
        try (Stream<Path> logs = Files.list(stack.base().resolve("logs"))) {
            List<String> lines = new ArrayList<>();
            for (Path file : logs.filter(p -> p.getFileName().toString().startsWith("access-")).sorted().toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.contains(marker)).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run imageServing(String... args) throws IOException, InterruptedException {
        return ControlScript.run(stack.base(), args);
    }
}
