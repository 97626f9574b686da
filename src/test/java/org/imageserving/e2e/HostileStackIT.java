package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.stock.HostileImages;
import org.imageserving.stock.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's render-server bombs against the stack as an operator runs it (supervisor, stock heaps, shipped JVM
 * options): fired in parallel with normal requests, they answer 4xx, the normal requests 200 within
 * {@value #NORMAL_SECONDS} s, no server restarts (RestartCount and Pid unchanged over JMX) and no log holds an
 * OutOfMemoryError.
 */
class HostileStackIT extends StockStackTestCase {

    private static final int NORMAL_SECONDS = 30;

    @Test
    void bombsBesideNormalRequestsCostNoRestart() throws Exception {
        Path test = stack.base().resolve("images/test");
        Files.createDirectories(test);
        Files.write(test.resolve("self.tif"), HostileImages.tiff(1, 0, 4, 4));
        Files.write(test.resolve("loop2.tif"), HostileImages.tiff(2, 0, 4, 4));
        Files.write(test.resolve("bomb.jpg"), HostileImages.truncatedProgressiveJpeg(10_000, 10_000, 400));
        Files.writeString(test.resolve("use.svg"), HostileImages.useBomb(10, 10));
        Files.writeString(test.resolve("laughs.svg"), TestImages.billionLaughs());
        List<String> hostile = List.of("/is/image/test/self.tif?wid=100", "/is/image/test/loop2.tif?wid=100",
                "/is/image/test/bomb.jpg?wid=100", "/is/image/test/use.svg?wid=100", "/is/image/test/laughs.svg?wid=100");
        List<String> normal = List.of("/is/image/demo/photo?wid=200&cache=off", "/is/image/demo/drawing?wid=120&fmt=png&cache=off");
        Map<String, String> before = pidsAndRestarts();

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String url : hostile) {
                    work.add(pool.submit(() -> {
                        PsClient.Reply reply = stack.ps().get(url);
                        if (reply.status() < 400 || reply.status() >= 500) {
                            failures.add(url + " -> " + reply);
                        }
                        return null;
                    }));
                }
                for (String url : normal) {
                    work.add(pool.submit(() -> {
                        long started = System.nanoTime();
                        PsClient.Reply reply = stack.ps().get(url);
                        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                        if (reply.status() != 200 || seconds >= NORMAL_SECONDS) {
                            failures.add(url + " -> " + reply + " in " + seconds + " s");
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), failures + "\n" + stack.diagnostics());
        assertEquals(before, pidsAndRestarts(), "no server restarted");
        try (Stream<Path> logs = Files.list(stack.base().resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(log).contains("OutOfMemoryError"), log + " holds an OutOfMemoryError");
            }
        }
    }

    private Map<String, String> pidsAndRestarts() {
        Map<String, String> result = new TreeMap<>();
        for (String id : StockStack.SERVERS) {
            ServerMXBean server = stack.server(id);
            result.put(id, server.getState() + " pid " + server.getPid() + ", restarts " + server.getRestartCount());
        }
        return result;
    }
}
