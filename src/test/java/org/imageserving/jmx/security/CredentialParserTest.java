package org.imageserving.jmx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imageserving.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's checks on top of the shared reading: every line must be an account, named by file:line. */
class CredentialParserTest {
    @TempDir
    Path dir;

    @Test
    void accountsAreReadAndABadLineIsNamedByItsNumber() throws Exception {
        Path passwords = Files.writeString(dir.resolve("jmxremote.password"), "# users\nadmin s3cret\nmonitor  m0n\n");
        assertEquals(Map.of("admin", "s3cret", "monitor", "m0n"), CredentialParser.passwords(passwords));
        Path access = Files.writeString(dir.resolve("jmxremote.access"), "admin readwrite\n\nmonitor readonly\n");
        assertEquals(Map.of("admin", Role.READWRITE, "monitor", Role.READONLY), CredentialParser.roles(access));

        Files.writeString(passwords, "admin s3cret\n# next\nmonitor has blanks\n");
        ConfigException bad = assertThrows(ConfigException.class, () -> CredentialParser.passwords(passwords));
        assertEquals(passwords + ":3: expected <user> <password> (clear text, no blanks) but found 3 fields;"
                + " fix: write one account per line", bad.getMessage());
        Files.writeString(access, "\nadmin everything\n");
        bad = assertThrows(ConfigException.class, () -> CredentialParser.roles(access));
        assertEquals(access + ":2: user [admin]: access [everything] must be readonly, readwrite or unrestricted",
                bad.getMessage());
    }
}
