package org.imageserving.daemon;

import org.imageserving.config.ConfigException;
import org.imageserving.exit.ExitCode;

/**
 * The supervisor in the foreground: {@code bin/ImageServing run}, systemd ({@code Type=simple}), containers.
 * SIGTERM or Ctrl-C runs the same stop as jsvc and procrun; so does JMX {@code shutdown()}, after which the
 * process exits 0. A bad configuration exits 2, any other failed start 1, each with one line on stderr.
 */
public final class ForegroundMain {
    private ForegroundMain() {}

    public static void main(String[] args) {
        System.exit(run(args, StandardWiring.factory()));
    }

    static int run(String[] args, ServiceFactory factory) {
        LoggingSetup.prepareProcess();
        SupervisorService service;
        try {
            service = factory.create(Flags.parse(args));
        } catch (ConfigException e) {
            System.err.println(StartFailures.line(e));
            return ExitCode.USAGE.code();
        }
        Thread onSignal = new Thread(service::stop, "imageserving-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            service.start();
        } catch (ConfigException | StartException e) {
            System.err.println(StartFailures.line(e));
            removeHook(onSignal);
            return StartFailures.code(e).code();
        }
        awaitUninterruptibly(service);
        removeHook(onSignal);
        return ExitCode.OK.code();
    }

    private static void awaitUninterruptibly(SupervisorService service) {
        while (true) {
            try {
                service.awaitStopped();
                return;
            } catch (InterruptedException e) {
                // only a stop ends the foreground run
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled: the hook is already running the stop
        }
    }
}
