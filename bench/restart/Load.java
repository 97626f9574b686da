import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The restart benchmark's client: {@code concurrency} threads keep asking ps for fresh renders (cache=off; every
 * other one an SVG drawing) until the file {@code stop} exists, then print one line:
 * {@code answered <n> failed <n> p50 <ms> p99 <ms>}, latencies of the 200s. Failed = any answer but 200, or
 * none (refused, reset, timeout); a thread waits 20 ms after a failure, as a real client would.
 *   java Load.java <ps port> <concurrency> <stop file>
 */
public final class Load {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        Path stop = Path.of(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                while (!Files.exists(stop)) {
                    int i = n.incrementAndGet();
                    String path = i % 2 == 0 ? "/is/image/demo/drawing?wid=" + (40 + i % 60) + "&fmt=png&cache=off"
                            : "/is/image/demo/photo?wid=" + (40 + i % 60) + "&fmt=jpeg&cache=off";
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (reply.statusCode() == 200) {
                            answered.incrementAndGet();
                            latencies.add(System.nanoTime() - sent);
                            continue;
                        }
                    } catch (Exception e) {
                        // refused, reset or timed out: a failure as much as a 5xx
                    }
                    failed.incrementAndGet();
                    pause();         // a real client waits a little before it asks again
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("answered %d failed %d p50 %.0f p99 %.0f%n", answered.get(), failed.get(),
                percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
