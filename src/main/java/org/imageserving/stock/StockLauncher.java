package org.imageserving.stock;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sun.misc.Signal;

/**
 * The shared main of ps, is and svg. Exit codes: 0 after a graceful stop on SIGTERM/SIGINT, 1 when the
 * server cannot start (port taken, unreadable conf), 2 for bad arguments or configuration (one line on
 * stderr). SIGTERM is handled here rather than by a shutdown hook because the JVM would otherwise exit
 * with 143; the supervisor expects a clean 0.
 */
public final class StockLauncher {

    private static final Duration GRACE = Duration.ofSeconds(3);

    private StockLauncher() {
    }

    public static void launch(String program, String[] args, Function<String[], StockServer> factory) {
        configureLogging();
        StockServer server;
        try {
            server = factory.apply(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LogManager.getLogger(StockLauncher.class);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            log.info("{}: stopping (signal)", program);
            server.stop(GRACE);
            log.info("{}: stopped", program);
            stopped.countDown();
        };
        try {
            Signal.handle(new Signal("TERM"), signal -> new Thread(stop, program + "-stop").start());
            Signal.handle(new Signal("INT"), signal -> new Thread(stop, program + "-stop").start());
        } catch (IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, program + "-stop"));
        }
        try {
            server.start();
            log.info("{}: ready, {}", program, server.describe());
        } catch (UsageException e) {
            log.error("{}: {}", program, e.getMessage());
            exit(server, 2);
        } catch (Exception e) {
            log.error("{}: cannot start: {}", program, e.toString());
            exit(server, 1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LogManager.shutdown();
        System.exit(0);
    }

    private static void exit(StockServer server, int code) {
        try {
            server.stop(Duration.ZERO);
        } finally {
            LogManager.shutdown();
            System.exit(code);
        }
    }

    /** Before the first logger: route JUL (Tomcat) into log4j2 and pick our console layout unless told otherwise. */
    private static void configureLogging() {
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        // lets Tomcat set JUL levels (it does at start) through log4j-core instead of failing loudly
        System.setProperty("log4j.jul.LoggerAdapter", "org.apache.logging.log4j.jul.CoreLoggerAdapter");
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:org/imageserving/stock/log4j2-stock.xml");
        }
        System.setProperty("java.awt.headless", "true");
    }
}
