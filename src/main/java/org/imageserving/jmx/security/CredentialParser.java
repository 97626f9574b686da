package org.imageserving.jmx.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imageserving.config.ConfigException;

/**
 * Reads the JDK's jmxremote formats: one entry per line, fields separated by blanks, {@code #} starts a
 * comment line. Password file: {@code <user> <password>} (clear text). Access file:
 * {@code <user> readonly|readwrite|unrestricted} (the JDK's {@code create} and {@code unregister} clauses are
 * ignored: only {@code unrestricted} may create or unregister MBeans).
 */
final class CredentialParser {
    private CredentialParser() {}

    static Map<String, String> passwords(Path file) throws ConfigException {
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = fields(lines.get(i));
            if (fields.length == 0) {
                continue;
            }
            if (fields.length != 2) {
                throw new ConfigException(file + ":" + (i + 1) + ": expected <user> <password> (clear text, no blanks)"
                        + " but found " + fields.length + " fields; fix: write one account per line");
            }
            passwords.put(fields[0], fields[1]);
        }
        return passwords;
    }

    static Map<String, Role> roles(Path file) throws ConfigException {
        Map<String, Role> roles = new LinkedHashMap<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = fields(lines.get(i));
            if (fields.length == 0) {
                continue;
            }
            String access = fields.length > 1 ? fields[1] : "";
            Role role = switch (access) {
                case "readonly" -> Role.READONLY;
                case "readwrite" -> Role.READWRITE;
                case "unrestricted" -> Role.UNRESTRICTED;
                default -> throw new ConfigException(file + ":" + (i + 1) + ": user [" + fields[0] + "]: access ["
                        + access + "] must be readonly, readwrite or unrestricted");
            };
            roles.put(fields[0], role);
        }
        return roles;
    }

    private static String[] fields(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return new String[0];
        }
        return trimmed.split("\\s+");
    }

    private static List<String> read(Path file) throws ConfigException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " (" + e + "); fix: make it readable by the user"
                    + " running the supervisor");
        }
    }
}
