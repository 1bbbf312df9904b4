package io.cocoatly.json;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Suggestions for misspelt keys: "did you mean `dependencies`?". */
public final class Typos {

    private Typos() {
    }

    /** The candidate closest to {@code word} by edit distance, if it is close enough to be a typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(1, word.length() / 3);
        return candidates.stream()
                .filter(c -> distance(word, c) <= limit)
                .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
    }

    /**
     * Like {@link #closest}, and failing that a candidate that starts or ends with {@code word}
     * ({@code timeout_seconds} for {@code timeout}), for words of three letters or more.
     */
    public static Optional<String> closestOrAffixed(String word, Collection<String> candidates) {
        Optional<String> near = closest(word, candidates);
        String w = word.toLowerCase(Locale.ROOT);
        if (near.isPresent() || w.length() < 3) {
            return near;
        }
        return candidates.stream().filter(k -> k.startsWith(w) || k.endsWith(w)).sorted().findFirst();
    }

    /** {@code `a`, `b` and `c`} in sorted order. */
    public static String list(Collection<String> words) {
        var sorted = words.stream().sorted().map(w -> "`" + w + "`").collect(Collectors.toList());
        if (sorted.size() == 1) {
            return sorted.get(0);
        }
        return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
    }

    /** Levenshtein distance, case-insensitive so that `Name` suggests `name`. */
    public static int distance(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
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
