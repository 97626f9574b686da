package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code playlog <access-log> --url http://host:port [--rate N/s] [--concurrency N] [--limit N]}: replays the image
 * requests of an access log against a host so that it joins warm ({@link Playlog}). {@code -} reads the log from
 * standard input. {@code --url} is the shared option, naming here the ps to warm rather than a supervisor.
 */
@Command(name = "playlog", sortOptions = false)
final class PlaylogCommand implements Callable<Integer> {
    static final double MAX_RATE = 10_000;
    static final int MAX_CONCURRENCY = 256;

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "1", paramLabel = "<access-log>", descriptionKey = "playlog.log")
    String log;

    @Option(names = "--rate", paramLabel = "<N/s>", descriptionKey = "playlog.rate")
    String rate = "10";

    @Option(names = "--concurrency", paramLabel = "<N>", descriptionKey = "playlog.concurrency")
    int concurrency = 4;

    @Option(names = "--limit", paramLabel = "<N>", descriptionKey = "playlog.limit")
    long limit;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Messages messages = root.ctx.messages();
        if (root.urls.size() != 1) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.needsUrl"));
        }
        URI origin = origin(root.urls.get(0), messages);
        double perSecond = rate(rate, messages);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.badConcurrency", concurrency, MAX_CONCURRENCY));
        }
        if (limit < 0) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.badLimit", limit));
        }
        Playlog.Settings settings = new Playlog.Settings(origin, perSecond, concurrency, limit, Duration.ofSeconds(1),
                Playlog.REQUEST_TIMEOUT);
        Playlog playlog = new Playlog(root.ctx, settings, TokenBucket.SYSTEM);
        if (log.equals("-")) {
            return playlog.run(System.in).code().code();
        }
        InputStream in;
        try {
            in = Files.newInputStream(Path.of(log));
        } catch (IOException | RuntimeException unreadable) {
            throw new CliException(ExitCode.FAILURE, messages.get("playlog.unreadable", log, Connections.rootMessage(unreadable)));
        }
        try (in) {
            return playlog.run(in).code().code();
        }
    }

    /** {@code http(s)://host[:port]}: no path (the log's paths are absolute), never an account. */
    static URI origin(String url, Messages messages) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException bad) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.badUrl", Printable.url(url)));
        }
        boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.badUrl", Printable.url(url)));
        }
        return uri;
    }

    /** {@code N} or {@code N/s}, from 0.1 to {@link #MAX_RATE} requests a second. */
    static double rate(String text, Messages messages) {
        String number = text.endsWith("/s") ? text.substring(0, text.length() - 2) : text;
        double perSecond;
        try {
            perSecond = Double.parseDouble(number.strip());
        } catch (NumberFormatException notANumber) {
            perSecond = Double.NaN;
        }
        if (!(perSecond >= 0.1 && perSecond <= MAX_RATE)) {
            throw new CliException(ExitCode.USAGE, messages.get("playlog.badRate", Printable.text(text, 40), (long) MAX_RATE));
        }
        return perSecond;
    }
}
