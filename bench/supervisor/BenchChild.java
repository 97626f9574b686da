import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The managed server of the supervisor benchmark: answers GET /health with 200 and its pid, on 127.0.0.1:
 * {@code --port}. Like a well-behaved server it closes its listener on SIGTERM (else the JVM exits ~300 ms late).
 */
public final class BenchChild {
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[1]);
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, pid.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(pid);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
