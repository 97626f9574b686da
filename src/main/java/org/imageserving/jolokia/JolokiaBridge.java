package org.imageserving.jolokia;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.jmx.security.Accounts;
import org.jolokia.jvmagent.JolokiaServer;

/**
 * Jolokia 2.4.2 embedded: the platform MBeanServer (hence the supervisor's MBeans) as JSON over HTTP on
 * 127.0.0.1, behind the JMX accounts and conf/jolokia-access.xml. We own the HTTP server, so that every context
 * is guarded, start and stop are synchronous, and Jolokia registers no shutdown hook of its own.
 */
public final class JolokiaBridge implements AutoCloseable {
    public static final String CONTEXT = "/jolokia";
    private static final Logger LOG = LogManager.getLogger(JolokiaBridge.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * One thread per connection the JDK server admits: it reads headers on a pool thread, so with fewer threads a
     * few slow clients would queue every other request behind them ({@link HttpServerLimits}). How many requests
     * run in Jolokia at once is bounded apart ({@link WorkLimit}).
     */
    private static final int THREADS = HttpServerLimits.MAX_CONNECTIONS;
    /** Idle threads go after this: a burst of status calls leaves none behind to hold stack and malloc memory. */
    private static final long IDLE_SECONDS = 5;
    private static final String LOOPBACK = "127.0.0.1";

    private final HttpServer http;
    private final JolokiaServer jolokia;
    private final ExecutorService threads;

    private JolokiaBridge(HttpServer http, JolokiaServer jolokia, ExecutorService threads) {
        this.http = http;
        this.jolokia = jolokia;
        this.threads = threads;
    }

    /**
     * Starts Jolokia and returns once it answers.
     *
     * @param port       0 picks a free port (read it back with {@link #port()})
     * @param policyFile conf/jolokia-access.xml; missing, broken or without {@code <commands>}: ConfigException
     */
    public static JolokiaBridge start(int port, Accounts accounts, Path policyFile) throws ConfigException, IOException {
        PolicyFile.Policy policy = PolicyFile.read(policyFile);
        HttpServerLimits.apply();
        HttpServer http = bind(port);
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        threads.allowCoreThreadTimeOut(true);
        http.setExecutor(threads);
        JolokiaServer jolokia = null;
        try {
            AccountHttpAuthenticator authenticator = new AccountHttpAuthenticator(accounts);
            GuardRules rules = policy.guards();
            GuardedHttpServer guarded = new GuardedHttpServer(http, List.of(
                    new HostGuard(http.getAddress().getPort(), rules.extraHosts()),
                    new BrowserGuard(rules::isOriginAllowed),
                    new AuthenticationFilter(authenticator),
                    new BodyGuard(),
                    new NotificationGuard(rules::mayListenTo),
                    new NotificationBudget(),
                    new WorkLimit()));
            BridgeConfig config = new BridgeConfig(settings(http.getAddress().getPort(), policyFile), authenticator);
            jolokia = new JolokiaServer(guarded, config, new Log4jLogHandler());
            jolokia.start();
            http.start();
            JolokiaBridge bridge = new JolokiaBridge(http, jolokia, threads);
            bridge.awaitAnswer(accounts);
            LOG.info("Jolokia listening on {} (policy {})", bridge.url(), policyFile);
            return bridge;
        } catch (IOException | RuntimeException e) {
            if (jolokia != null) {
                jolokia.stop();
            }
            http.stop(0);
            threads.shutdownNow();
            throw e;
        }
    }

    public URI url() {
        return URI.create("http://" + LOOPBACK + ":" + port() + CONTEXT + "/");
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops Jolokia (its MBeans, its notification listeners) and the HTTP server. Idempotent. */
    @Override
    public synchronized void close() {
        if (threads.isShutdown()) {
            return;
        }
        jolokia.stop();
        http.stop(0);
        threads.shutdownNow();
        LOG.info("Jolokia on {} stopped", url());
    }

    /** Every setting that matters for security is set here (and {@link BridgeConfig} consults nothing else). */
    private static Map<String, String> settings(int port, Path policyFile) {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", LOOPBACK);
        settings.put("port", Integer.toString(port));
        settings.put("agentContext", CONTEXT);
        settings.put("agentId", "imageserving");
        settings.put("agentDescription", "Image Serving Server Supervisor");
        settings.put("policyLocation", policyFile.toAbsolutePath().toUri().toString());
        settings.put("restrictorClass", RoleRestrictor.class.getName());
        // No JSR-160 proxy (it would connect to any JMX URL a caller names) and no multicast discovery.
        settings.put("disabledServices", String.join(",",
                "org.jolokia.service.jsr160.Jsr160RequestHandler",
                "org.jolokia.service.discovery.JolokiaDiscovery",
                "org.jolokia.service.discovery.DiscoveryMulticastResponder"));
        settings.put("discoveryEnabled", "false");
        settings.put("disableDetectors", "true");
        settings.put("allowDnsReverseLookup", "false");
        // No stack traces or serialised exceptions in answers, whatever a request asks for (?includeStackTrace=true,
        // serializeException): allowErrorDetails=false is the one switch a request cannot turn back on.
        settings.put("includeStackTrace", "false");
        settings.put("allowErrorDetails", "false");
        // Answer MBean names as registered (type=Server,name=svg), not with the keys sorted.
        settings.put("canonicalNaming", "false");
        return settings;
    }

    private static HttpServer bind(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 16);
        } catch (BindException e) {
            throw new BindException("Jolokia port 127.0.0.1:" + port + " is in use; fix: stop what listens there"
                    + " (ss -ltnp 'sport = :" + port + "') or change the Jolokia port in conf/SupervisorRegistry.xml");
        }
    }

    /** A version request, as a client would send it, until it answers; with no account, a 401 will do. */
    private void awaitAnswer(Accounts accounts) throws IOException {
        String user = accounts.users().stream().findFirst().orElse(null);
        String authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + accounts.password(user).orElseThrow()).getBytes(StandardCharsets.UTF_8));
        int expected = user == null ? 401 : 200;
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (versionStatus(authorization) == expected) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("Jolokia on " + url() + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s", last);
    }

    private int versionStatus(String authorization) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url().toURL().openConnection();
        try {
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write("{\"type\":\"version\"}".getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return status == 200 && !body.contains("\"status\":200") ? -1 : status;
            }
        } finally {
            connection.disconnect();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "imageserving-jolokia-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
