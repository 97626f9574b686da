import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of the supervisor's memory figure: a JVM with the supervisor's flags that runs nothing of its own.
 * Idles 2 s (as long as the JVM's own start-up threads take to settle), then prints its resident set in MiB.
 */
public final class Idle {
    public static void main(String[] args) throws Exception {
        Thread.sleep(2000);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                System.out.printf("%.1f%n", kib / 1024.0);
            }
        }
    }
}
