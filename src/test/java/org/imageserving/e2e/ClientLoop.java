package org.imageserving.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.imageserving.testing.Await;

/**
 * A web client that keeps asking ps for fresh renders ({@code cache=off}, so every request reaches the Image
 * Server) on threads of its own (one request in flight per thread), and records every answer with the time its
 * request was sent.
 */
final class ClientLoop implements AutoCloseable {
    /** One answer; status -1 when there was none (connection refused or reset, timeout). */
    record Answer(long sentNanos, int status, boolean retryAfter, String detail) {}

    private final PsClient ps;
    private final List<Answer> answers = new ArrayList<>();
    private final AtomicInteger request = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final boolean withSvg;
    private volatile boolean running = true;

    private ClientLoop(PsClient ps, int concurrency, boolean withSvg) {
        this.ps = ps;
        this.withSvg = withSvg;
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(this::run, "e2e-client-loop-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    static ClientLoop start(PsClient ps) {
        return start(ps, 1, false);
    }

    /** {@code concurrency} requests in flight at all times; with {@code withSvg}, every other one is an SVG drawing. */
    static ClientLoop start(PsClient ps, int concurrency, boolean withSvg) {
        ClientLoop loop = new ClientLoop(ps, concurrency, withSvg);
        loop.threads.forEach(Thread::start);
        return loop;
    }

    private void run() {
        while (running) {
            long sent = System.nanoTime();
            // a different small size each time: a real render, cheap enough to keep the loop tight
            int n = request.incrementAndGet();
            String url = withSvg && n % 2 == 0 ? "/is/image/demo/drawing?wid=" + (40 + n % 60) + "&fmt=png&cache=off"
                    : "/is/image/demo/photo?wid=" + (40 + n % 60) + "&fmt=jpeg&cache=off";
            Answer answer;
            try {
                PsClient.Reply reply = ps.get(url);
                answer = new Answer(sent, reply.status(), reply.retryAfter().isPresent(),
                        reply.status() == 200 ? "" : url + " -> " + reply);
            } catch (Exception e) {
                answer = new Answer(sent, -1, false, url + " -> " + e);
            }
            synchronized (answers) {
                answers.add(answer);
            }
            if (answer.status() != 200) {
                pause(); // a real client waits a little before it asks again
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Waits until a request sent at or after {@code sinceNanos} was answered 200. */
    void awaitOkSentAfter(long sinceNanos, Duration deadline, String what) {
        Await.until(what, deadline, () -> answers().stream().anyMatch(a -> a.sentNanos() >= sinceNanos && a.status() == 200),
                () -> summary(answers()));
    }

    /** How many answers of each status, and the first few that were not 200. */
    static String summary(List<Answer> answers) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return "statuses " + counts + ", not 200: " + answers.stream().filter(a -> a.status() != 200)
                .limit(5).map(Answer::detail).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(90).toMillis());
        }
    }
}
