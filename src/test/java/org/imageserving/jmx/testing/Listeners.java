package org.imageserving.jmx.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a process listens on, as the operator would check it: {@code ss -ltnp}. */
public final class Listeners {
    private Listeners() {}

    /** Local addresses of every TCP socket this JVM listens on, IPv4-mapped ones unwrapped ("127.0.0.1:9910"). */
    public static List<String> ofThisJvm() throws Exception {
        return of(ProcessHandle.current().pid());
    }

    public static List<String> of(long pid) throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(30, TimeUnit.SECONDS), "ss finished");
        String marker = "pid=" + pid + ",";
        return out.lines()
                .filter(line -> line.contains(marker))
                .map(line -> line.trim().split("\\s+")[3].replace("[::ffff:", "").replace("]", ""))
                .toList();
    }
}
