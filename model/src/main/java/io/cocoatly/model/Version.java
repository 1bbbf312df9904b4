package io.cocoatly.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A SemVer 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
 *
 * <p>Ordering follows the spec's precedence rules. Build metadata is kept for display but plays no
 * part in ordering or equality: {@code 1.0.0+a} and {@code 1.0.0+b} are the same version to select,
 * which is why this is a class and not a record.
 */
public final class Version implements Comparable<Version> {

    private final long major;
    private final long minor;
    private final long patch;
    private final List<String> prerelease;
    private final List<String> build;

    private Version(long major, long minor, long patch, List<String> prerelease, List<String> build) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = List.copyOf(prerelease);
        this.build = List.copyOf(build);
    }

    /** The release {@code major.minor.patch}. */
    public static Version of(long major, long minor, long patch) {
        return new Version(major, minor, patch, List.of(), List.of());
    }

    /**
     * A version with prerelease identifiers and build metadata; each identifier is validated as
     * {@link #parse} would.
     *
     * @throws SyntaxException if an identifier is not valid SemVer
     */
    public static Version of(long major, long minor, long patch, List<String> prerelease, List<String> build) {
        String text = of(major, minor, patch) + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease))
                + (build.isEmpty() ? "" : "+" + String.join(".", build));
        return parse(text);
    }

    /**
     * Parses a version strictly: no leading {@code v} or {@code =}, no surrounding spaces, no
     * leading zeros in numeric identifiers.
     *
     * @throws SyntaxException naming the input, the position and what was expected there
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        VersionScanner scanner = new VersionScanner(text, 0, "version");
        Version version = scanner.version();
        scanner.expectEnd();
        return version;
    }

    /** This release with already-validated identifiers; for the parser only. */
    Version with(List<String> prerelease, List<String> build) {
        return new Version(major, minor, patch, prerelease, build);
    }

    /** Whether {@code text} is a valid strict version. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (SyntaxException e) {
            return false;
        }
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    /** Prerelease identifiers, empty for a release. */
    public List<String> prerelease() {
        return prerelease;
    }

    /** Build metadata identifiers; ignored by ordering and equality. */
    public List<String> build() {
        return build;
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** This version without prerelease and build: the release it is a prerelease of. */
    public Version release() {
        return prerelease.isEmpty() && build.isEmpty() ? this : of(major, minor, patch);
    }

    /** This version without build metadata. */
    public Version withoutBuild() {
        return build.isEmpty() ? this : new Version(major, minor, patch, prerelease, List.of());
    }

    /** The lowest prerelease of this version's release: {@code M.m.p-0}, below every other. */
    public Version lowestPrerelease() {
        return new Version(major, minor, patch, List.of("0"), List.of());
    }

    /**
     * The version with {@code .0} appended to the prerelease identifiers: the immediate successor of
     * this prerelease in precedence order (nothing lies strictly between the two).
     *
     * @throws IllegalStateException if this is not a prerelease
     */
    public Version nextPrerelease() {
        if (prerelease.isEmpty()) {
            throw new IllegalStateException("not a prerelease: " + this);
        }
        List<String> ids = new ArrayList<>(prerelease);
        ids.add("0");
        return new Version(major, minor, patch, ids, List.of());
    }

    /**
     * The smallest release greater than this version's release ({@code M.m.(p+1)}, carrying into the
     * minor and major on overflow), or null past {@code Long.MAX_VALUE} everywhere.
     */
    public Version nextRelease() {
        if (patch < Long.MAX_VALUE) {
            return of(major, minor, patch + 1);
        }
        if (minor < Long.MAX_VALUE) {
            return of(major, minor + 1, 0);
        }
        if (major < Long.MAX_VALUE) {
            return of(major + 1, 0, 0);
        }
        return null;
    }

    /** The compatibility class Cargo uses: {@code 1} for 1.x, {@code 0.3} for 0.3.x, {@code 0.0.4}. */
    public String compatibilityClass() {
        if (major > 0) {
            return Long.toString(major);
        }
        if (minor > 0) {
            return "0." + minor;
        }
        return "0.0." + patch;
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c == 0) {
            c = comparePrerelease(prerelease, other.prerelease);
        }
        return c;
    }

    public boolean isLowerThan(Version other) {
        return compareTo(other) < 0;
    }

    public boolean isHigherThan(Version other) {
        return compareTo(other) > 0;
    }

    private static int comparePrerelease(List<String> a, List<String> b) {
        // A release (no identifiers) ranks above any of its prereleases.
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareIdentifier(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            // No leading zeros, so a longer digit string is a larger number; this also handles
            // identifiers longer than a long can hold.
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !identifier.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && major == v.major && minor == v.minor && patch == v.patch
                && prerelease.equals(v.prerelease);
    }

    /**
     * Mixed at every step. {@code Objects.hash} is linear in the numbers, so {@code 0.1.1} and
     * {@code 0.0.32} hashed alike, and through them whole families of ranges ({@code ^0.3.20} and
     * {@code ^0.2.52}): 800 distinct ranges of the top-300 crates had 724 hashes, each collision a
     * comparison interval by interval in the resolver's maps keyed by range.
     */
    @Override
    public int hashCode() {
        int h = mix(Long.hashCode(major));
        h = mix(31 * h + Long.hashCode(minor));
        h = mix(31 * h + Long.hashCode(patch));
        return 31 * h + prerelease.hashCode();
    }

    /** MurmurHash3's 32-bit finaliser: a bijection whose every output bit depends on every input bit. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    /** The canonical text, build metadata included. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            s.append('-').append(String.join(".", prerelease));
        }
        if (!build.isEmpty()) {
            s.append('+').append(String.join(".", build));
        }
        return s.toString();
    }

    /** Versions sorted ascending, a convenience for tests and output. */
    public static List<Version> sorted(List<Version> versions) {
        List<Version> copy = new ArrayList<>(versions);
        Collections.sort(copy);
        return copy;
    }
}
