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

    // equals and hashCode written out: a record's derived ones are bootstrapped through ObjectMethods on
    // first use, about 25 method-handle classes spun at run time (a workspace's requirements are the
    // first to hash a dependency). The hash is the one a record derives.
    @Override
    public boolean equals(Object o) {
        return o instanceof Dependency d && name.equals(d.name) && requirement.equals(d.requirement)
                && range.equals(d.range);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + requirement.hashCode()) * 31 + range.hashCode();
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
