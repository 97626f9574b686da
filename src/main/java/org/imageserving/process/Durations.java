package org.imageserving.process;

import java.time.Duration;

/** Durations the way an operator reads them in a log line: "250 ms", "1.5 s", "30 s", "2 min". */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** "once", "twice", "three times" … for reasons such as "exited with code 1 five times in a row". */
    public static String times(int n) {
        String[] words = {"no times", "once", "twice", "three times", "four times", "five times", "six times",
                "seven times", "eight times", "nine times", "ten times"};
        return n >= 0 && n < words.length ? words[n] : n + " times";
    }
}
