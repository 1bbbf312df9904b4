package io.cocoatly.json;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

    /**
     * Edit distance counting a swap of two neighbouring letters as one edit (Damerau–Levenshtein, in
     * Lowrance and Wagner's algorithm), case-insensitive so that `Name` suggests `name`. A swap is the
     * commonest typo (`wbe` for `web`), which plain Levenshtein counts as two. Unlike the simpler
     * "optimal string alignment" variant, this one is a metric, so suggestions stay consistent.
     */
    public static int distance(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
        int infinity = a.length() + b.length();
        // d[i + 1][j + 1] = distance(a[0, i), b[0, j)); row and column 0 hold "infinity".
        int[][] d = new int[a.length() + 2][b.length() + 2];
        d[0][0] = infinity;
        for (int i = 0; i <= a.length(); i++) {
            d[i + 1][0] = infinity;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j + 1] = infinity;
            d[1][j + 1] = j;
        }
        // The last row of a in which each character was seen.
        Map<Character, Integer> lastRow = new HashMap<>();
        for (int i = 1; i <= a.length(); i++) {
            int lastMatchColumn = 0;
            for (int j = 1; j <= b.length(); j++) {
                int k = lastRow.getOrDefault(b.charAt(j - 1), 0);
                int l = lastMatchColumn;
                int cost = 1;
                if (a.charAt(i - 1) == b.charAt(j - 1)) {
                    cost = 0;
                    lastMatchColumn = j;
                }
                d[i + 1][j + 1] = Math.min(Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1)));
            }
            lastRow.put(a.charAt(i - 1), i);
        }
        return d[a.length() + 1][b.length() + 1];
    }
}
