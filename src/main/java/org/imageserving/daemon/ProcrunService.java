package org.imageserving.daemon;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.imageserving.config.ConfigException;
import org.imageserving.exit.ExitCode;

/**
 * The supervisor under Windows procrun in jvm mode ({@code bin/service.bat}: {@code --StartMode jvm
 * --StartClass org.imageserving.daemon.ProcrunService --StartMethod start}, the same for stop). Procrun calls
 * {@code start} and {@code stop} on different threads, and {@code start} must not return until the service has
 * stopped (DAEMON-309).
 */
public final class ProcrunService {
    private static final AtomicReference<SupervisorService> SERVICE = new AtomicReference<>();

    private ProcrunService() {}

    /** Starts the service and blocks until {@link #stop} (or JMX {@code shutdown()}) has stopped it. */
    public static void start(String[] args) throws InterruptedException {
        start(args, StandardWiring.factory());
    }

    static void start(String[] args, ServiceFactory factory) throws InterruptedException {
        LoggingSetup.prepareProcess();
        SupervisorService service;
        try {
            service = factory.create(Flags.parse(args));
        } catch (ConfigException e) {
            System.err.println(StartFailures.line(e));
            System.exit(ExitCode.USAGE.code());
            return;
        }
        if (!SERVICE.compareAndSet(null, service)) {
            System.err.println(StartFailures.line(new StartException("the supervisor is already running in this process")));
            return;
        }
        try {
            service.start();
        } catch (ConfigException | StartException e) {
            SERVICE.compareAndSet(service, null);
            System.err.println(StartFailures.line(e));
            // procrun hosts this JVM: ending it tells the service manager the start failed
            System.exit(StartFailures.code(e).code());
            return;
        }
        service.awaitStopped();
        SERVICE.compareAndSet(service, null);
    }

    /** Stops the service started by {@link #start}; its start call then returns. Idempotent. */
    public static void stop(String[] args) {
        SupervisorService service = SERVICE.get();
        if (service != null) {
            service.stop();
        }
    }

    /** For procrun's default method name: {@code main} with {@code start} or {@code stop} first (Tomcat style). */
    public static void main(String[] args) throws InterruptedException {
        dispatch(args, StandardWiring.factory());
    }

    static void dispatch(String[] args, ServiceFactory factory) throws InterruptedException {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "start" -> start(rest, factory);
            case "stop" -> stop(rest);
            default -> {
                System.err.println("usage: ProcrunService start|stop [--<setting>=<value>]...");
                System.exit(ExitCode.USAGE.code());
            }
        }
    }
}
