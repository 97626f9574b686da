package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code playlog}: warms a host's caches by replaying the image requests of an access log against it, the original
 * product's idea. One reader goes through the log ({@link AccessLogLine} decides what is replayed), takes a token
 * of the {@link TokenBucket} for each request (the rate bound) and a permit of the in-flight semaphore (the
 * concurrency bound), so neither the log's size nor the server's speed can make it send faster or hold more.
 * Redirects are followed only on the same scheme, host and port (never off-host), at most {@link #MAX_REDIRECTS};
 * each request has a deadline. A progress line every second on stderr, the summary on stdout; exit 1 when
 * nothing was replayed or nothing succeeded, or after {@link #GIVE_UP_AFTER} requests in a row got no answer at all
 * (a dead or hung host is given up, not hammered through the whole log).
 */
final class Playlog {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_REDIRECTS = 3;
    static final int GIVE_UP_AFTER = 20;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final String USER_AGENT = "ImageServing-playlog";

    record Settings(URI origin, double perSecond, int concurrency, long limit, Duration progressEvery, Duration requestTimeout) {}

    /** What a run did; {@link #code()} is the exit code. */
    record Summary(long sent, long ok, long errors, long offHost, long notGet, long otherPath, long malformed,
            boolean gaveUp, Duration took) {
        ExitCode code() {
            return sent == 0 || ok == 0 || gaveUp ? ExitCode.FAILURE : ExitCode.OK;
        }
    }

    private final CliContext ctx;
    private final Messages messages;
    private final Settings settings;
    private final TokenBucket.Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong offHost = new AtomicLong();
    private final AtomicLong unansweredInARow = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private long notGet;
    private long otherPath;
    private long malformed;

    Playlog(CliContext ctx, Settings settings, TokenBucket.Clock clock) {
        this.ctx = ctx;
        this.messages = ctx.messages();
        this.settings = settings;
        this.clock = clock;
    }

    Summary run(InputStream log) throws IOException, InterruptedException {
        long began = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT).build();
        TokenBucket bucket = new TokenBucket(settings.perSecond(), TokenBucket.burstFor(settings.perSecond()), clock);
        Semaphore inFlight = new Semaphore(settings.concurrency());
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "playlog-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.progressEvery().toMillis();
        long[] last = {0, System.nanoTime()};
        progress.scheduleAtFixedRate(() -> progress(last), every, every, TimeUnit.MILLISECONDS);
        boolean gaveUp = false;
        try (BoundedLines lines = new BoundedLines(log, MAX_LINE)) {
            String line;
            while ((line = lines.next()) != null) {
                if (unansweredInARow.get() >= GIVE_UP_AFTER) {
                    gaveUp = true;
                    break;
                }
                AccessLogLine parsed = line == BoundedLines.OVERLONG ? AccessLogLine.malformed() : AccessLogLine.parse(line);
                switch (parsed.kind()) {
                    case NOT_GET -> notGet++;
                    case OTHER_PATH -> otherPath++;
                    case MALFORMED -> malformed++;
                    case IGNORED -> { }
                    case REPLAY -> {
                        if (settings.limit() > 0 && sent.get() >= settings.limit()) {
                            break;
                        }
                        URI uri;
                        try {
                            uri = settings.origin().resolve(parsed.target());
                        } catch (IllegalArgumentException notAUri) { // AccessLogLine checked it: belt and braces
                            malformed++;
                            break;
                        }
                        bucket.acquire();
                        inFlight.acquire();
                        sent.incrementAndGet();
                        replay(client, uri, 0).whenComplete((result, failure) -> inFlight.release());
                    }
                }
                if (settings.limit() > 0 && sent.get() >= settings.limit()) {
                    break;
                }
            }
            inFlight.acquire(settings.concurrency()); // every request answered, failed or timed out
            gaveUp |= unansweredInARow.get() >= GIVE_UP_AFTER;
        } finally {
            progress.shutdownNow();
        }
        Summary summary = new Summary(sent.get(), ok.get(), errors.get(), offHost.get(), notGet, otherPath, malformed,
                gaveUp, Duration.ofNanos(System.nanoTime() - began));
        report(summary);
        return summary;
    }

    /** One request, following same-origin redirects; counts its outcome once, when it is final. */
    private CompletableFuture<Void> replay(HttpClient client, URI uri, int redirects) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(settings.requestTimeout())
                .header("User-Agent", USER_AGENT).build();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        // the request timeout covers the wait for the head; this one also a body that never ends
        return exchange.orTimeout(settings.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true); // the exchange itself, when the deadline ended the wait for it
                        failed(uri, failure);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    unansweredInARow.set(0);
                    int status = response.statusCode();
                    if (status >= 300 && status < 400 && status != 304) {
                        Optional<String> location = response.headers().firstValue("Location");
                        URI next = location.map(l -> sameOrigin(uri, l)).orElse(null);
                        if (next != null && redirects < MAX_REDIRECTS) {
                            return replay(client, next, redirects + 1);
                        }
                        if (location.isPresent() && next == null) {
                            offHost.incrementAndGet();
                        }
                    }
                    if ((status >= 200 && status < 300) || status == 304) {
                        ok.incrementAndGet();
                    } else {
                        error(uri.getRawPath() + " -> HTTP " + status);
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(next -> next);
    }

    /** The redirect's target when it stays on the same scheme, host and port; null when it would leave. */
    private URI sameOrigin(URI from, String location) {
        try {
            URI to = from.resolve(location.strip());
            boolean same = from.getScheme().equalsIgnoreCase(String.valueOf(to.getScheme()))
                    && from.getHost().equalsIgnoreCase(String.valueOf(to.getHost()))
                    && port(from) == port(to) && to.getRawUserInfo() == null;
            return same ? to : null;
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** No HTTP answer at all: refused, timed out, reset. Enough of these in a row and the host is given up. */
    private void failed(URI uri, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        unansweredInARow.incrementAndGet();
        error(uri.getRawPath() + " -> " + Printable.text(Connections.rootMessage(cause), 200));
    }

    private void error(String what) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, Printable.text(what, 300));
    }

    private void progress(long[] last) {
        long now = System.nanoTime();
        long count = sent.get();
        double rate = (count - last[0]) / Math.max(1e-9, (now - last[1]) / 1e9);
        last[0] = count;
        last[1] = now;
        ctx.err().println(messages.get("playlog.progress", count, ok.get(), errors.get(), decimal(rate)));
    }

    private void report(Summary summary) {
        double seconds = Math.max(1e-3, summary.took().toNanos() / 1e9);
        ctx.out().println(messages.get("playlog.summary", summary.sent(), decimal(seconds), summary.ok(), summary.errors(),
                decimal(summary.sent() / seconds)));
        ctx.out().println(messages.get("playlog.skipped", summary.notGet(), summary.otherPath(), summary.malformed()));
        if (summary.offHost() > 0) {
            ctx.out().println(messages.get("playlog.offHost", summary.offHost()));
        }
        if (firstError.get() != null) {
            ctx.out().println(messages.get("playlog.firstError", firstError.get()));
        }
        if (summary.gaveUp()) {
            ctx.err().println(messages.get("playlog.gaveUp", GIVE_UP_AFTER));
        } else if (summary.sent() == 0) {
            ctx.err().println(messages.get("playlog.nothing"));
        } else if (summary.ok() == 0) {
            ctx.err().println(messages.get("playlog.allFailed"));
        }
    }

    /** One decimal, with the operator's decimal separator. */
    private String decimal(double value) {
        long tenths = Math.round(value * 10);
        String separator = messages.get("format.decimalSeparator");
        return (tenths / 10) + separator + (tenths % 10);
    }
}
