package io.cocoatly.installer;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "did you mean" suggestions for misspelt configuration keys. */
final class ConfigTypos {

    private ConfigTypos() {
    }

    /**
     * The known key closest to {@code word}: within an edit distance of a third of its length, or
     * one that starts or ends with it ({@code timeout} for {@code timeout_seconds}).
     */
    static Optional<String> closest(String word, Collection<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, w.length() / 3);
        Optional<String> near = known.stream()
                .filter(k -> distance(w, k) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(w, k)).thenComparing(k -> k));
        if (near.isPresent() || w.length() < 3) {
            return near;
        }
        return known.stream().filter(k -> k.startsWith(w) || k.endsWith(w)).sorted().findFirst();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
