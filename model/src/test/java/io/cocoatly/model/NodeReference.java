package io.cocoatly.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent, naive reading of node-semver's {@code satisfies} for desugared requirements (plain
 * comparators {@code op version} only, or {@code *}): a version matches an alternative when it passes
 * every comparator by plain ordering and, if it is a prerelease, some comparator names a prerelease
 * of the same core. Test oracle only; shares nothing with the range code but {@link Version}.
 */
final class NodeReference {

    private record Comparator(String op, Version version) {

        boolean test(Version v) {
            int c = v.compareTo(version);
            return switch (op) {
                case "", "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalArgumentException(op);
            };
        }
    }

    private final List<List<Comparator>> alternatives = new ArrayList<>();

    NodeReference(String desugared) {
        for (String alternative : desugared.split("\\|\\|", -1)) {
            List<Comparator> set = new ArrayList<>();
            for (String c : alternative.trim().split("\\s+")) {
                if (c.isEmpty() || c.equals("*")) {
                    continue;
                }
                int i = 0;
                while (i < c.length() && "<>=".indexOf(c.charAt(i)) >= 0) {
                    i++;
                }
                set.add(new Comparator(c.substring(0, i), Version.parse(c.substring(i))));
            }
            alternatives.add(set);
        }
    }

    boolean satisfies(Version v) {
        for (List<Comparator> set : alternatives) {
            if (set.stream().allMatch(c -> c.test(v)) && (!v.isPrerelease() || set.stream().anyMatch(c ->
                    c.version().isPrerelease() && c.version().release().equals(v.release())))) {
                return true;
            }
        }
        return false;
    }

    /** The versions of every comparator, for probing around them. */
    List<Version> bounds() {
        List<Version> result = new ArrayList<>();
        alternatives.forEach(set -> set.forEach(c -> result.add(c.version())));
        return result;
    }
}
