package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.sun.tools.attach.VirtualMachine;

import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.SupervisorMXBean;
import org.imageserving.jmx.testing.Listeners;
import org.imageserving.testing.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stock stack as shipped (conf/SupervisorRegistry.xml, ports made free), started by the real supervisor
 * entry point in a process of its own, used as a web client and a JMX client would. One supervisor for the class.
 */
class StockStackIT extends StockStackTestCase {
    private PsClient ps;

    @BeforeAll
    void openClient() {
        ps = stack.ps();
    }

    @Test
    void jpegOfTheDemoPhotoIsScaledAndKeepsItsColours() throws Exception {
        PsClient.Reply reply = ps.get("/is/image/demo/photo?wid=500");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("image/jpeg", reply.contentType().orElse(""));
        assertEquals("jpeg", Pictures.format(reply.body()));
        BufferedImage image = Pictures.decode(reply.body());
        assertEquals(500, image.getWidth());
        assertEquals(333, image.getHeight(), 1, "the 3000x2000 photo keeps its 3:2 aspect ratio");
        BufferedImage source = Pictures.decode(Files.readAllBytes(stack.base().resolve("images/demo/photo.jpg")));
        Pictures.assertLooksLike(source, image, 12);
    }

    @Test
    void pngIsPaddedWithTheRequestedBackground() throws Exception {
        PsClient.Reply reply = ps.get("/is/image/demo/photo?wid=300&hei=300&fmt=png&bgc=ff0000");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("image/png", reply.contentType().orElse(""));
        assertEquals("png", Pictures.format(reply.body()));
        BufferedImage image = Pictures.decode(reply.body());
        assertEquals(300, image.getWidth());
        assertEquals(300, image.getHeight());
        // a 3:2 photo fitted into a square view, centred: 50 rows of bgc above and below, exact in a PNG
        for (int y : new int[] {0, 20, 45, 255, 280, 299}) {
            for (int x : new int[] {0, 150, 299}) {
                assertEquals(0xff0000, image.getRGB(x, y) & 0xffffff, "padding at " + x + "," + y);
            }
        }
        BufferedImage source = Pictures.decode(Files.readAllBytes(stack.base().resolve("images/demo/photo.jpg")));
        Pictures.assertLooksLike(source, image.getSubimage(0, 52, 300, 196), 14);
    }

    @Test
    void svgDrawingIsRasterisedToPngOfTheRequestedSize() throws Exception {
        PsClient.Reply reply = ps.get("/is/image/demo/drawing?wid=400&fmt=png");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("png", Pictures.format(reply.body()));
        BufferedImage image = Pictures.decode(reply.body());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight(), "the 800x600 drawing keeps its aspect ratio");
        int sky = image.getRGB(10, 5);
        assertTrue((sky & 0xff) > ((sky >> 16) & 0xff) + 60, "blue sky at the top, got " + Integer.toHexString(sky));
    }

    @Test
    void ifNoneMatchWithTheEtagAnswers304() throws Exception {
        String url = "/is/image/demo/photo?wid=210&fmt=jpeg";
        PsClient.Reply first = ps.get(url);
        assertEquals(200, first.status(), first.toString());
        String etag = first.etag().orElseThrow(() -> new AssertionError("no ETag on " + url));
        PsClient.Reply again = ps.get(url, "If-None-Match", etag);
        assertEquals(304, again.status());
        assertEquals(0, again.body().length);
        PsClient.Reply other = ps.get(url, "If-None-Match", "\"not-" + etag.replace("\"", "") + "\"");
        assertEquals(200, other.status(), "another ETag gets the image");
    }

    @Test
    void installCheckListsTheImageServer() throws Exception {
        PsClient.Reply reply = ps.get("/is/image");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().orElse("").startsWith("text/plain"), reply.contentType().toString());
        String body = reply.text();
        assertTrue(body.startsWith("#S7Z OK"), body);
        Properties properties = new Properties();
        properties.load(new StringReader(body));
        assertEquals("OK", properties.getProperty("platformServer.imageServerStatus"), body);
        assertTrue(properties.getProperty("platformServer.imageServerAddress", "").endsWith(":" + stack.ports().is()),
                "ps talks to is on the port from SupervisorRegistry.xml: " + body);
        assertTrue(List.of(properties.getProperty("platformServer.catalogs", "").split(",")).contains("demo"), body);
        assertTrue(properties.stringPropertyNames().stream().anyMatch(name -> name.startsWith("imageServer.")), body);
    }

    @Test
    void badAndHostileUrlsGet4xxAndPsStaysHealthy() throws Exception {
        String password = stack.password("admin");
        List<String> urls = List.of(
                "/is/image/demo/..%2f..%2fconf%2fjmxremote.password",
                "/is/image/demo/..%2F..%2Fconf%2Fjmxremote.password",
                "/is/image/demo/%2e%2e%2f%2e%2e%2fconf%2fjmxremote.password",
                "/is/image/demo/%252e%252e%252fconf%252fjmxremote.password?defaultImage=",
                "/is/image/demo/..%5c..%5cconf%5cjmxremote.password",
                "/is/image/../../etc/passwd",
                "/is/image/..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/is/image/%2e%2e/%2e%2e/etc/passwd",
                "/is/image//etc/passwd",
                "/is/image/demo/photo%00.jpg",
                "/is/content/demo/..%2f..%2fconf%2fjmxremote.password",
                "/is/image/demo/photo?wid=100000",
                "/is/image/demo/photo?wid=100000&hei=100000",
                "/is/image/demo/photo?scl=0.001",
                "/is/image/demo/photo?wid=abc",
                "/is/image/demo/photo?wid=-1",
                "/is/image/demo/photo?fmt=xyz",
                "/is/image/demo/photo?rotate=45",
                "/is/image/demo/photo?bgc=nothex",
                "/is/image/demo/photo?qlt=1000",
                "/is/image/demo/photo?wid=%zz",
                "/is/image/nosuchcatalog/nosuchid",
                "/is/image/demo/nosuchid?defaultImage=",
                "/is/image/demo/nosuchid.svg?defaultImage=&fmt=png");
        for (String url : urls) {
            PsClient.Reply reply = ps.raw(url);
            String body = reply.text();
            assertFalse(body.contains(password) || body.contains("root:x:0:0"), url + " leaks a file: " + body);
            assertFalse(body.contains("Exception") || body.contains("\tat "), url + " leaks a stack trace: " + body);
            assertTrue(reply.status() >= 400 && reply.status() < 500, url + " -> " + reply);
        }
        assertEquals(200, ps.get("/health").status(), "ps still healthy");
        assertEquals(200, ps.get("/is/image/demo/photo?wid=64&cache=off").status(), "and still serving");
        for (String id : StockStack.SERVERS) {
            assertEquals(0, stack.server(id).getRestartCount(), id + " was not restarted by any of it");
        }
    }

    @Test
    void uptimeAndHeapOfEveryServerAreLiveOverJmx() throws Exception {
        for (String id : StockStack.SERVERS) {
            ServerMXBean server = stack.server(id);
            assertEquals("heap", server.getHeapUsedKind(), id);
            long firstUptime = server.getUptime();
            assertTrue(firstUptime > 0, id + " Uptime " + firstUptime);
            Await.until(id + " HeapUsed > 0", StockStack.START_DEADLINE, () -> server.getHeapUsed() > 0,
                    () -> "HeapUsed " + server.getHeapUsed());
            long heap = server.getHeapUsed();
            assertTrue(heap < 256L * 1024 * 1024, id + " HeapUsed " + heap + " within its -Xmx");
            Await.until(id + " Uptime to grow", () -> server.getUptime() > firstUptime);
        }
        SupervisorMXBean supervisor = stack.supervisorBean();
        assertTrue(supervisor.getUptime() > 0, "supervisor Uptime");
        assertTrue(supervisor.getHeapUsed() > 0, "supervisor HeapUsed");
    }

    @Test
    void theImageServersRenderEngineIsAnAttribute() throws Exception {
        ServerMXBean is = stack.server("is");
        Await.until("is RenderEngine", StockStack.START_DEADLINE, () -> !is.getRenderEngine().isEmpty(), is::getRenderEngine);
        assertTrue(is.getRenderEngine().matches("vips \\d+\\.\\d+.*|java"), is.getRenderEngine());
        assertEquals("", stack.server("svg").getRenderEngine(), "svg publishes no engine");
    }

    @Test
    void nothingListensBeyondLoopbackButPs() throws Exception {
        // read every heap first: the supervisor starts a JMX agent in each server, which must stay on loopback
        for (String id : StockStack.SERVERS) {
            ServerMXBean server = stack.server(id);
            Await.until(id + " HeapUsed > 0", StockStack.START_DEADLINE, () -> server.getHeapUsed() > 0);
        }
        long psPid = stack.server("ps").getPid();
        List<String> seen = new ArrayList<>();
        List<String> beyondLoopback = new ArrayList<>();
        for (long pid : stack.tree()) {
            for (String address : Listeners.of(pid)) {
                int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                String line = "pid " + pid + " (" + whoIs(pid) + ") on " + address;
                seen.add(line);
                if (!(pid == psPid && port == stack.ports().ps()) && !isLoopback(address)) {
                    beyondLoopback.add(line);
                }
            }
        }
        assertTrue(seen.stream().anyMatch(line -> line.startsWith("pid " + psPid + " ")
                && line.endsWith(":" + stack.ports().ps())), "ps listens on its port: " + seen);
        for (int port : new int[] {stack.ports().jmx(), stack.ports().jolokia(), stack.ports().is(), stack.ports().svg()}) {
            assertTrue(seen.stream().anyMatch(line -> line.endsWith("127.0.0.1:" + port)), port + " on loopback: " + seen);
        }
        assertEquals(List.of(), beyondLoopback, "listening beyond loopback; everything: " + seen);
        for (String id : StockStack.SERVERS) {
            assertFalse(hasLocalAgent(stack.server(id).getPid()),
                    id + " runs the JDK's local connector, which listens on the wildcard address");
        }
    }

    /** The JDK's local management agent runs in {@code pid} (an attach client started it). */
    private static boolean hasLocalAgent(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return vm.getAgentProperties().getProperty("com.sun.management.jmxremote.localConnectorAddress") != null;
        } finally {
            vm.detach();
        }
    }

    private String whoIs(long pid) {
        if (pid == stack.supervisorPid()) {
            return "the supervisor";
        }
        for (String id : StockStack.SERVERS) {
            if (stack.server(id).getPid() == pid) {
                return "server " + id;
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.startsWith("[::1") || address.startsWith("::1");
    }
}
