package org.imageserving.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; never a bare sleep. Deadlines are generous: CI boxes are busy. */
public final class Await {
    /** The default patience: 2 cores shared by several builds can make a JVM start take seconds. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        until(what, PATIENCE, condition, () -> "");
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        until(what, deadline, condition, () -> "");
    }

    /** Polls every 10 ms; on timeout fails with {@code what} and the {@code state} at that moment. */
    public static void until(String what, Duration deadline, BooleanSupplier condition, Supplier<String> state) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what
                        + stateSuffix(state));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static String stateSuffix(Supplier<String> state) {
        String text = state.get();
        return text == null || text.isEmpty() ? "" : "; now: " + text;
    }
}
