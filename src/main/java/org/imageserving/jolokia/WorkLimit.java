package org.imageserving.jolokia;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * At most {@link #PERMITS} POSTs run in Jolokia at once: each may be a bulk whose answers are built in memory,
 * and the supervisor's heap is small. There are more HTTP threads than this (so that slow clients, which hold a
 * thread while they dribble their headers, cannot starve anyone); a POST that finds no permit within
 * {@link #WAIT_SECONDS} s is answered 503 with Retry-After. GET carries one request, and notification streams
 * (SSE) stay open for long, so GETs are not counted.
 */
final class WorkLimit extends Filter {
    static final int PERMITS = 4;
    static final long WAIT_SECONDS = 20;

    private final Semaphore permits = new Semaphore(PERMITS, true);

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            chain.doFilter(exchange);
            return;
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            Refusal.send(exchange, 503, "busy: " + PERMITS + " requests running, try again");
            return;
        }
        try {
            chain.doFilter(exchange);
        } finally {
            permits.release();
        }
    }

    @Override
    public String description() {
        return "bounds the POSTs running in Jolokia at once";
    }
}
