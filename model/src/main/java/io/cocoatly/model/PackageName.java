package io.cocoatly.model;

import java.util.List;

/**
 * A package name: lowercase {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters. The grammar rules
 * out path tricks ({@code ..}, slashes, upper case that collides on case-insensitive disks), so a
 * name is safe to use as a file name.
 */
public record PackageName(String value) implements Comparable<PackageName> {

    /** Longest name accepted. */
    public static final int MAX_LENGTH = 64;

    /** @throws CocoatlyException with code {@code invalid-package-name} if the name breaks the grammar */
    public PackageName {
        String problem = problem(value);
        if (problem != null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-package-name", "invalid package name `" + value + "`: " + problem,
                    List.of("package names are lowercase letters, digits, `.`, `_` and `-`, start with a letter"
                            + " or digit, and have at most " + MAX_LENGTH + " characters"));
        }
    }

    /**
     * One object per name read through {@link #of}. A resolution looks names up in hash maps for every
     * dependency edge it meets, and a map compares keys by identity before calling {@code equals}: with
     * one object per name every hit is decided there, instead of comparing the names' characters, a
     * cache miss each in a large registry. 65,536 names bound the memory of a long-running process
     * (crates.io had about 30,000 in 2019).
     */
    private static final CanonicalTable<String, PackageName> CANONICAL = new CanonicalTable<>(1 << 16);

    /** As the constructor, but the same object for the same name (while fewer than 65,536 are known). */
    public static PackageName of(String value) {
        PackageName known = value == null ? null : CANONICAL.get(value);
        return known != null ? known : CANONICAL.keep(value, new PackageName(value));
    }

    /** Why {@code value} is not a valid name, or null if it is. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "a name must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (!inGrammar(value)) {
            return "it must match [a-z0-9][a-z0-9._-]*";
        }
        return null;
    }

    // [a-z0-9][a-z0-9._-]* written out: a regular expression's matcher costs more than the rest of
    // reading a name on a short command's cold path, and every index entry names packages.
    private static boolean inGrammar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(PackageName o) {
        return value.compareTo(o.value);
    }

    // equals and hashCode written out, as the record would derive them (same hash: h * 31 + component's),
    // so that no run bootstraps java.lang.runtime.ObjectMethods for them: spinning its method handles
    // is a visible part of a short command's start-up (docs/performance-startup.md).
    @Override
    public boolean equals(Object o) {
        // Two names' hashes (cached in each String) differ for nearly every pair of distinct names, and
        // comparing them first leaves the characters, another object to fetch, to equal hashes.
        return this == o || o instanceof PackageName n && value.hashCode() == n.value.hashCode()
                && value.equals(n.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
