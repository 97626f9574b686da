package org.imageserving.jmx.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imageserving.config.ConfigException;
import org.imageserving.config.JmxRemoteFile;

/**
 * The supervisor's reading of the JDK's jmxremote files ({@link JmxRemoteFile}: one entry per line, fields
 * separated by blanks, {@code #} starts a comment line), every line checked. Password file: {@code <user> <password>} (clear text). Access file:
 * {@code <user> readonly|readwrite|unrestricted} (the JDK's {@code create} and {@code unregister} clauses are
 * ignored: only {@code unrestricted} may create or unregister MBeans).
 */
final class CredentialParser {
    private CredentialParser() {}

    static Map<String, String> passwords(Path file) throws ConfigException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (JmxRemoteFile.Entry entry : read(file)) {
            String[] fields = entry.fields();
            if (fields.length != 2) {
                throw new ConfigException(file + ":" + entry.line() + ": expected <user> <password> (clear text, no blanks)"
                        + " but found " + fields.length + " fields; fix: write one account per line");
            }
            passwords.put(fields[0], fields[1]);
        }
        return passwords;
    }

    static Map<String, Role> roles(Path file) throws ConfigException {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (JmxRemoteFile.Entry entry : read(file)) {
            String access = entry.field(1);
            Role role = switch (access) {
                case "readonly" -> Role.READONLY;
                case "readwrite" -> Role.READWRITE;
                case "unrestricted" -> Role.UNRESTRICTED;
                default -> throw new ConfigException(file + ":" + entry.line() + ": user [" + entry.field(0)
                        + "]: access [" + access + "] must be readonly, readwrite or unrestricted");
            };
            roles.put(entry.field(0), role);
        }
        return roles;
    }

    private static List<JmxRemoteFile.Entry> read(Path file) throws ConfigException {
        try {
            return JmxRemoteFile.read(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " (" + e + "); fix: make it readable by the user"
                    + " running the supervisor");
        }
    }
}
