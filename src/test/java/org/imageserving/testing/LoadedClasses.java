package org.imageserving.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The classes a live JVM has loaded, as {@code jcmd <pid> VM.class_hierarchy} lists them. */
public final class LoadedClasses {
    private LoadedClasses() {}

    /** How many loaded classes of {@code pid} have a name starting with {@code prefix} (e.g. "io.lettuce."). */
    public static long count(long pid, String prefix) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "VM.class_hierarchy").redirectErrorStream(true).start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0 || !text.contains("java.lang.Object")) {
            throw new IllegalStateException("jcmd " + pid + " VM.class_hierarchy failed: " + text);
        }
        return text.lines().map(line -> line.replaceFirst("^[\\s|-]*", "")).filter(name -> name.startsWith(prefix)).count();
    }
}
