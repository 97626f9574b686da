package org.imageserving.stock;

import java.time.Duration;

/** A stock server's life: started once by its main, stopped once on SIGTERM (or when start fails). */
public interface StockServer {

    /** Binds and starts serving; returns once {@code GET /health} would answer 2xx. */
    void start() throws Exception;

    /** Stops accepting work, lets requests in flight finish for at most {@code grace}, then releases everything. */
    void stop(Duration grace);

    /** One line for the log: what listens where. */
    String describe();
}
