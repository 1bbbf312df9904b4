package io.cocoatly.model;

import java.util.Objects;

/**
 * A requirement on another package: its name, the requirement as written (for display) and the
 * version set it denotes (for reasoning).
 */
public record Dependency(PackageName name, String requirement, VersionRange range) implements Comparable<Dependency> {

    public Dependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(range, "range");
    }

    /**
     * Parses the requirement text.
     *
     * @throws SyntaxException if the requirement is invalid
     */
    public static Dependency parse(String name, String requirement) {
        return new Dependency(PackageName.of(name), requirement, VersionRange.parse(requirement));
    }

    @Override
    public int compareTo(Dependency o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : requirement.compareTo(o.requirement);
    }

    @Override
    public String toString() {
        return name + " " + requirement;
    }
}
