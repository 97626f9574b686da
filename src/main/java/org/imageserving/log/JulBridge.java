package org.imageserving.log;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.logging.log4j.message.MessageFactory;
import org.apache.logging.log4j.spi.ExtendedLogger;
import org.apache.logging.log4j.spi.LoggerContext;
import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.apache.logging.log4j.spi.Provider;

/**
 * The log4j API's provider in the supervisor JVM: every {@code LogManager.getLogger} of our code answers a
 * {@link JulLogger}, so the lines go to java.util.logging. Chosen by name ({@code log4j.provider}, which
 * {@link SupervisorLogging#prepareProcess()} sets) and registered nowhere, so the stock servers, the control script
 * and the tests, which share lib/, keep their own provider. Not Apache's log4j-to-jul: that one refuses to start
 * where log4j-jul (the stock servers' bridge the other way) is on the class path, and once registered it is
 * loaded, and fails, in every JVM of lib/.
 */
public final class JulBridge extends Provider {
    /** log4j-api versions this provider serves, in the API's notation. */
    private static final String API_VERSIONS = "2.6.0";

    public JulBridge() {
        super(15, API_VERSIONS, Contexts.class);
    }

    /** One context for the JVM: java.util.logging's loggers are global, so is this. */
    public static final class Contexts implements LoggerContextFactory {
        private static final Context CONTEXT = new Context();

        @Override
        public LoggerContext getContext(String fqcn, ClassLoader loader, Object external, boolean currentContext) {
            return CONTEXT;
        }

        @Override
        public LoggerContext getContext(String fqcn, ClassLoader loader, Object external, boolean currentContext,
                URI configLocation, String name) {
            return CONTEXT;
        }

        @Override
        public void removeContext(LoggerContext context) {
            // the one context lives as long as the JVM
        }

        @Override
        public boolean isClassLoaderDependent() {
            return false;
        }
    }

    private static final class Context implements LoggerContext {
        private final Map<String, JulLogger> loggers = new ConcurrentHashMap<>();

        @Override
        public Object getExternalContext() {
            return null;
        }

        @Override
        public ExtendedLogger getLogger(String name) {
            return loggers.computeIfAbsent(name, JulLogger::new);
        }

        @Override
        public ExtendedLogger getLogger(String name, MessageFactory messageFactory) {
            return getLogger(name);   // the lines are formatted with the API's default message factory
        }

        @Override
        public boolean hasLogger(String name) {
            return loggers.containsKey(name);
        }

        @Override
        public boolean hasLogger(String name, MessageFactory messageFactory) {
            return hasLogger(name);
        }

        @Override
        public boolean hasLogger(String name, Class<? extends MessageFactory> messageFactoryClass) {
            return hasLogger(name);
        }
    }
}
