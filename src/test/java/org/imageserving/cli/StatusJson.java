package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the tests need out of `status --json`. */
final class StatusJson {
    private static final Pattern SERVER_PID =
            Pattern.compile("\"([a-z][a-z0-9-]*)\":\\{\"Id\":\"\\1\",\"Description\":\"[^\"]*\",\"State\":\"\\w+\",\"Pid\":(-?\\d+)");

    private StatusJson() {}

    /** Each server's Pid, by id; fails unless there are exactly {@code expected} servers. */
    static Map<String, Long> pids(String json, int expected) {
        Matcher m = SERVER_PID.matcher(json);
        Map<String, Long> pids = new HashMap<>();
        while (m.find()) {
            pids.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertEquals(expected, pids.size(), json);
        return pids;
    }
}
