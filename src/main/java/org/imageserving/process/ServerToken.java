package org.imageserving.process;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.imageserving.proc.ProcFs;

/**
 * The mark the supervisor puts in every server's environment at launch ({@value #VARIABLE}, random per launch,
 * recorded in {@code run/servers/<id>.pid}). The server's descendants inherit it, and Linux shows it in
 * {@code /proc/<pid>/environ} to the process's own user and root only, so a process carrying the recorded
 * token is one this supervisor launched (or a descendant of it), whatever its pid or group id say.
 */
public final class ServerToken {
    public static final String VARIABLE = "IMAGESERVING_SERVER_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HEX_LENGTH = 32;

    private ServerToken() {}

    /** 128 random bits as 32 hex digits. */
    public static String create() {
        byte[] bytes = new byte[HEX_LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code token} has the shape {@link #create} gives; a record with anything else proves nothing. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (Character.digit(token.charAt(i), 16) < 0 || Character.isUpperCase(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether live process {@code pid} carries exactly {@code token} in its environment. */
    public static boolean carriedBy(long pid, String token) {
        if (!wellFormed(token) || pid <= 1) {
            return false;
        }
        String entry = VARIABLE + "=" + token;
        for (String variable : ProcFs.environment(pid).split("\0")) {
            if (variable.equals(entry)) {
                return true;
            }
        }
        return false;
    }
}
