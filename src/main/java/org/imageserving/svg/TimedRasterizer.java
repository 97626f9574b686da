package org.imageserving.svg;

import java.awt.image.BufferedImage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.util.HaltingThread;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * The {@link SvgRasterizer} with limits a server needs: a few renders at a time (the rest wait, then are
 * told the server is busy), and a time limit: a rendering that runs past {@value #RENDER_SECONDS} s is
 * halted. Batik only checks for a halt at certain points, so a pathological document may run on; such
 * renders are counted, and the server reports itself unhealthy while there are any.
 */
final class TimedRasterizer {
    private static final Logger LOG = LogManager.getLogger(SvgServer.class);
    static final int RENDER_SECONDS = 20;

    /** A rendered image (status 200), or the status and one-line reason to answer instead. */
    record Outcome(BufferedImage image, int status, String reason) {}

    private final SvgRasterizer rasterizer;
    private final int concurrentRenders;
    private final Semaphore renders;
    /** Renders that ignored their halt and still run. */
    private final AtomicInteger runaway = new AtomicInteger();

    TimedRasterizer(SvgRasterizer rasterizer, int concurrentRenders) {
        this.rasterizer = rasterizer;
        this.concurrentRenders = concurrentRenders;
        this.renders = new Semaphore(concurrentRenders, true);
    }

    /** How many renders may run at once. */
    int concurrentRenders() {
        return concurrentRenders;
    }

    /** Renders that were halted but have not ended yet. */
    int runaway() {
        return runaway.get();
    }

    /** Renders on a halting thread so that a pathological document can be stopped after its time is up. */
    Outcome render(byte[] svg, String uri, int width, int height) {
        try {
            if (!renders.tryAcquire(30, TimeUnit.SECONDS)) {
                return new Outcome(null, 503, "SVG server busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, 503, "interrupted");
        }
        try {
            return renderInTime(svg, uri, width, height);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, 503, "interrupted");
        } finally {
            renders.release();
        }
    }

    private Outcome renderInTime(byte[] svg, String uri, int width, int height) throws InterruptedException {
        AtomicReference<Outcome> result = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        HaltingThread worker = new HaltingThread(() -> {
            try {
                result.set(rasterize(svg, uri, width, height));
            } finally {
                if (!abandoned.compareAndSet(false, true)) {
                    runaway.decrementAndGet(); // it did end after all
                }
            }
        }, "svg-render");
        worker.setDaemon(true);
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(RENDER_SECONDS));
        if (worker.isAlive()) {
            worker.halt();
            worker.interrupt();
            worker.join(TimeUnit.SECONDS.toMillis(2));
            if (abandoned.compareAndSet(false, true)) {
                runaway.incrementAndGet();
                LOG.warn("an SVG rendering ignored its halt and is still running");
            }
            return new Outcome(null, 413, "SVG rendering exceeded " + RENDER_SECONDS + " s and was halted");
        }
        Outcome outcome = result.get();
        return outcome != null ? outcome : new Outcome(null, 422, "SVG rendering failed");
    }

    private Outcome rasterize(byte[] svg, String uri, int width, int height) {
        try {
            return new Outcome(rasterizer.rasterize(svg, uri, width, height), 200, "");
        } catch (Exception | StackOverflowError e) {
            String reason = deepestReason(e);
            LOG.debug("SVG refused: {}", LogText.escape(reason));
            return new Outcome(null, 422, "SVG cannot be rendered: " + oneLine(reason));
        } catch (OutOfMemoryError e) {
            return new Outcome(null, 413, "SVG needs more memory than the SVG server has");
        }
    }

    /** The innermost message: Batik wraps the real reason ("external resource refused…") in its own exceptions. */
    static String deepestReason(Throwable e) {
        String reason = e.getClass().getSimpleName();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.startsWith("null")) {
                reason = message;
            }
            t = t instanceof TranscoderException te && te.getException() != null ? te.getException() : t.getCause();
        }
        return reason;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
