package org.imageserving.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "did you mean …?" for a misspelt element, attribute or key. */
final class Suggest {
    private Suggest() {}

    /**
     * The tail of an "unknown …" message: {@code "; did you mean <x>? allowed: a, b"} when an allowed word is
     * within two edits of {@code word} (case aside), else {@code "; allowed: a, b"}. {@code before} and
     * {@code after} wrap the suggestion as the message writes names ({@code <}, {@code >}).
     */
    static String allowed(String word, Collection<String> allowed, String before, String after) {
        String lower = word.toLowerCase(Locale.ROOT);
        return allowed.stream()
                .filter(a -> distance(lower, a.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt(a -> distance(lower, a.toLowerCase(Locale.ROOT))))
                .map(a -> "; did you mean " + before + a + after + "? allowed: ")
                .orElse("; allowed: ") + String.join(", ", allowed);
    }

    /** Levenshtein distance, short words only. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
