package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imageserving.config.JmxRemoteFile;
import org.imageserving.exit.ExitCode;

/**
 * The control script's accounts, from the JDK's JMX credential files as {@link JmxRemoteFile} reads them:
 * {@code jmxremote.access} ({@code user readonly|readwrite} per line) and {@code jmxremote.password}
 * ({@code user password} per line); {@code #} starts a comment. A password file may
 * also hold nothing but the password (one token on one line), the usual shape of a secret mounted for a client.
 */
final class Credentials {
    private Credentials() {}

    /** The first user with readwrite access: what the commands that act log in as. */
    static String firstReadWriteUser(Path accessFile, Messages messages) {
        return firstUser(lines(accessFile, messages), "readwrite")
                .orElseThrow(() -> new CliException(ExitCode.UNKNOWN, messages.get("credentials.noReadWriteUser", accessFile)));
    }

    /**
     * The first readonly user, else the first readwrite one: {@code status} only reads, so it logs in with the
     * least that can (least privilege; it also keeps working when the admin password is kept elsewhere).
     */
    static String firstReadingUser(Path accessFile, Messages messages) {
        List<String[]> lines = lines(accessFile, messages);
        return firstUser(lines, "readonly").or(() -> firstUser(lines, "readwrite"))
                .orElseThrow(() -> new CliException(ExitCode.UNKNOWN, messages.get("credentials.noReadWriteUser", accessFile)));
    }

    private static java.util.Optional<String> firstUser(List<String[]> lines, String access) {
        for (String[] fields : lines) {
            if (fields.length >= 2 && fields[1].equals(access)) {
                return java.util.Optional.of(fields[0]);
            }
        }
        return java.util.Optional.empty();
    }

    static String password(Path passwordFile, String user, Messages messages) {
        List<String[]> lines = lines(passwordFile, messages);
        for (String[] fields : lines) {
            if (fields.length >= 2 && fields[0].equals(user)) {
                return fields[1];
            }
        }
        if (lines.size() == 1 && lines.get(0).length == 1) {
            return lines.get(0)[0];
        }
        throw new CliException(ExitCode.UNKNOWN, messages.get("credentials.noPassword", passwordFile, user));
    }

    private static List<String[]> lines(Path file, Messages messages) {
        List<JmxRemoteFile.Entry> entries;
        try {
            entries = JmxRemoteFile.read(file);
        } catch (NoSuchFileException absent) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("credentials.missing", file));
        } catch (AccessDeniedException denied) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("credentials.denied", file));
        } catch (IOException unreadable) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("credentials.unreadable", file, unreadable.getMessage()));
        }
        List<String[]> lines = new ArrayList<>(entries.size());
        for (JmxRemoteFile.Entry entry : entries) {
            lines.add(entry.fields());
        }
        return lines;
    }

    /** Splits on runs of blanks, as the credential files are read ({@link JmxRemoteFile#fields}). */
    static String[] fields(String text) {
        return JmxRemoteFile.fields(text);
    }
}
