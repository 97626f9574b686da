package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.imageserving.config.ConfigException;
import org.imageserving.config.ConfigLoader;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.exit.ExitCode;

/**
 * Where the supervisor's JMX connector is and who to log in as. Precedence, highest first: the command-line
 * flag, the environment (IMAGESERVING_JMX_URL / _USER / _PASSWORD_FILE), this instance's files: run/jmx.url
 * (written by the running supervisor; else the tcpport of conf/SupervisorRegistry.xml), the first readwrite user
 * of conf/jmxremote.access (the first readonly one for reads: {@link #resolveForReading}) and its password in
 * conf/jmxremote.password.
 *
 * @param explicit the URL was named by the operator: another instance, maybe another host, so the local pid
 *                 file says nothing about it
 */
record JmxTarget(String url, String user, String password, boolean explicit, Path passwordFile) {

    static final String URL_ENV = "IMAGESERVING_JMX_URL";
    static final String USER_ENV = "IMAGESERVING_JMX_USER";
    static final String PASSWORD_FILE_ENV = "IMAGESERVING_JMX_PASSWORD_FILE";

    /** The URL only: enough to tell an explicit target from this instance before reading any credential. */
    static String explicitUrl(ConnectionOptions options, CliContext ctx) {
        return options.url() != null ? options.url() : ctx.envOrNull(URL_ENV);
    }

    static JmxTarget resolve(ConnectionOptions options, CliContext ctx) {
        return resolve(options, explicitUrl(options, ctx), false, ctx);
    }

    /** For {@code status}: logs in as a readonly user when none is named. */
    static JmxTarget resolveForReading(ConnectionOptions options, CliContext ctx) {
        return resolve(options, explicitUrl(options, ctx), true, ctx);
    }

    /**
     * This instance's own supervisor, whatever URL the operator names: start and stop manage local processes,
     * found through this base's run/ files (an exported IMAGESERVING_JMX_URL must not redirect them).
     */
    static JmxTarget resolveLocal(ConnectionOptions options, CliContext ctx) {
        return resolve(options, null, false, ctx);
    }

    private static JmxTarget resolve(ConnectionOptions options, String explicitUrl, boolean onlyReads, CliContext ctx) {
        String url = explicitUrl != null ? explicitUrl : instanceUrl(ctx);
        Path conf = ctx.homes().conf();
        String user = options.user() != null ? options.user() : ctx.envOrNull(USER_ENV);
        if (user == null) {
            Path access = conf.resolve("jmxremote.access");
            user = onlyReads ? Credentials.firstReadingUser(access, ctx.messages())
                    : Credentials.firstReadWriteUser(access, ctx.messages());
        }
        Path passwordFile = options.passwordFile();
        if (passwordFile == null) {
            String fromEnv = ctx.envOrNull(PASSWORD_FILE_ENV);
            passwordFile = fromEnv != null ? Path.of(fromEnv) : conf.resolve("jmxremote.password");
        }
        String password = Credentials.password(passwordFile, user, ctx.messages());
        return new JmxTarget(url, user, password, explicitUrl != null, passwordFile);
    }

    /** run/jmx.url as the running supervisor wrote it; the configured tcpport when it has not (yet) written it. */
    static String instanceUrl(CliContext ctx) {
        Path file = ctx.homes().run().resolve("jmx.url");
        try {
            String url = Files.readString(file).trim();
            if (!url.isEmpty()) {
                return url;
            }
        } catch (NoSuchFileException absent) {
            // fall through to the configuration
        } catch (IOException unreadable) {
            throw new CliException(ExitCode.UNKNOWN, ctx.messages().get("target.urlUnreadable", file, unreadable.getMessage()));
        }
        return configuredUrl(ctx);
    }

    static String configuredUrl(CliContext ctx) {
        SupervisorConfig config;
        try {
            config = ConfigLoader.load(ctx.homes(), ctx.env(), ctx.props(), Map.of());
        } catch (ConfigException bad) {
            throw new CliException(ExitCode.USAGE, bad.getMessage());
        }
        if (config.tcpPort() <= 0) {
            throw new CliException(ExitCode.UNKNOWN, ctx.messages().get("target.noPort", ctx.homes().run().resolve("jmx.url")));
        }
        return urlForPort(config.tcpPort());
    }

    static String urlForPort(int port) {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
    }
}
