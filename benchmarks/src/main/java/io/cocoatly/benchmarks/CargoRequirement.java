package io.cocoatly.benchmarks;

import io.cocoatly.model.VersionRange;

/**
 * Rewrites a Cargo requirement into the node-semver syntax {@link VersionRange#parse} reads.
 *
 * <p>The two grammars agree on every operator ({@code ^ ~ * = > >= < <=}, {@code x}/{@code *}
 * wildcards, partial versions); they differ in three places, handled here: Cargo joins comparators
 * with commas where node-semver uses spaces, Cargo allows a space between an operator and its version,
 * and a bare version means {@code ^version} in Cargo but {@code =version} in node-semver.
 */
final class CargoRequirement {

    private CargoRequirement() {
    }

    /** The node-semver text with the same meaning as the Cargo requirement {@code cargo}. */
    static String toNodeSyntax(String cargo) {
        StringBuilder out = new StringBuilder();
        for (String part : cargo.split(",")) {
            String comparator = withoutInnerSpace(part.strip());
            if (comparator.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            if (Character.isDigit(comparator.charAt(0))) {
                out.append('^');
            }
            out.append(comparator);
        }
        return out.length() == 0 ? "*" : out.toString();
    }

    /** Parses a Cargo requirement. */
    static VersionRange parse(String cargo) {
        return VersionRange.parse(toNodeSyntax(cargo));
    }

    private static String withoutInnerSpace(String comparator) {
        StringBuilder s = new StringBuilder(comparator.length());
        for (int i = 0; i < comparator.length(); i++) {
            char c = comparator.charAt(i);
            if (!Character.isWhitespace(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
