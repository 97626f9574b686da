package org.imageserving.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The several-hosts demo, run as a user runs it ({@code bench/cluster/demo.sh}: three stacks, Redis and nginx in
 * network namespaces of their own), judged by what it prints and by what it leaves: every host up, traffic on all
 * three, HIT-SHARED when the build has the shared level, only h1 and h3 serving after h2 is killed with every client
 * answered 200, and afterwards no namespace, interface, process or forward of it on this machine.
 */
class ClusterDemoIT {

    private static final Path HOME = Path.of("").toAbsolutePath();
    /** A row of the per-host table: phase, requests, 200s, errors, h1, h2, h3, moved-on, MISS, HIT-LOCAL, HIT-SHARED. */
    private static final String ROW = "\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$";

    @Test
    void threeHostsServeOneDiesTheOthersServeOnAndNothingIsLeft() throws Exception {
        assumeTrue(isRoot(), "needs root: the demo creates network namespaces");
        assumeTrue(namespacesWork(), "network namespaces cannot be created here (ip netns add failed)");

        Path log = Files.createTempFile("cluster-demo", ".out");
        try {
            Process demo = new ProcessBuilder(HOME.resolve("bench/cluster/demo.sh").toString())
                    .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!demo.waitFor(6, TimeUnit.MINUTES)) {
                demo.destroy();   // SIGTERM: the demo's trap tears everything down
                demo.waitFor(3, TimeUnit.MINUTES);
                fail("the demo took over 6 minutes:\n" + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, demo.exitValue(), out);

            for (String host : List.of("h1", "h2", "h3")) {
                assertTrue(out.contains("host " + host + " up: ps on "), host + " up\n" + out);
            }
            long[] before = row(out, "before the kill");
            assertEquals(before[0], before[1], "every request before the kill answered 200\n" + out);
            assertEquals(0, before[2], out);
            for (int h = 3; h <= 5; h++) {
                assertTrue(before[h] > 0, "traffic on all three hosts before the kill\n" + out);
            }
            assertTrue(out.contains("killed h2: supervisor "), out);
            long[] after = row(out, "after the kill");
            assertTrue(after[0] > 0, out);
            assertEquals(after[0], after[1], "clients got 200s after the kill\n" + out);
            assertEquals(0, after[2], out);
            assertEquals(0, after[4], "h2 serves nothing after the kill\n" + out);
            assertTrue(after[3] > 0 && after[5] > 0, "h1 and h3 serve on after the kill\n" + out);
            assertTrue(out.contains("clients got (curl's own count, both loads): 120 x 200"), out);
            if (out.contains("shared level: yes")) {
                long[] during = row(out, "while h2 dies");
                long[] between = row(out, "load 2, before the kill");
                assertTrue(before[9] + between[9] + during[9] + after[9] > 0, "HIT-SHARED seen\n" + out);
            }
            assertTrue(out.contains("demo: OK"), out);

            Matcher names = Pattern.compile("namespaces (isdemo-\\d+)-\\{").matcher(out);
            assertTrue(names.find(), out);
            String prefix = names.group(1);
            Matcher folder = Pattern.compile("work folder (\\S+)").matcher(out);
            assertTrue(folder.find(), out);
            assertNothingLeft(prefix, Path.of(folder.group(1)), forwardPorts(out), out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void assertNothingLeft(String prefix, Path work, List<Integer> forwards, String out) throws Exception {
        assertFalse(run("ip", "netns", "list").lines().anyMatch(l -> l.startsWith(prefix + "-")), "a namespace left\n" + out);
        assertFalse(run("ip", "-o", "link", "show").contains(prefix), "an interface left\n" + out);
        assertFalse(Files.exists(work), "the work folder left: " + work);
        List<String> left = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmdline.contains(work.toString()) || cmdline.contains(prefix + "-")) {
                    left.add(proc.getFileName() + ": " + cmdline);
                }
            }
        }
        assertEquals(List.of(), left, "processes of the demo left");
        assertEquals(3, forwards.size(), out);
        for (int port : forwards) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                fail("the loopback forward on " + port + " still listens");
            } catch (IOException refused) {
                // gone, as it should be
            }
        }
    }

    /** The numbers of the table row that starts with this phase. */
    private static long[] row(String out, String phase) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(phase) + ROW).matcher(out);
        assertTrue(m.find(), "no row '" + phase + "'\n" + out);
        long[] values = new long[10];
        for (int i = 0; i < 10; i++) {
            values[i] = Long.parseLong(m.group(i + 1));
        }
        return values;
    }

    private static List<Integer> forwardPorts(String out) {
        List<Integer> ports = new ArrayList<>();
        Matcher m = Pattern.compile("forwarded from 127\\.0\\.0\\.1:(\\d+) here").matcher(out);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    private static boolean isRoot() throws Exception {
        return run("id", "-u").strip().equals("0");
    }

    /** Creates and deletes one namespace of its own: the demo needs no more than that. */
    private static boolean namespacesWork() throws Exception {
        String probe = "isdemo-probe-" + ProcessHandle.current().pid();
        Process add = new ProcessBuilder("ip", "netns", "add", probe).redirectErrorStream(true).start();
        add.getInputStream().readAllBytes();
        if (!add.waitFor(10, TimeUnit.SECONDS) || add.exitValue() != 0) {
            return false;
        }
        run("ip", "netns", "del", probe);
        return true;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        return text;
    }
}
