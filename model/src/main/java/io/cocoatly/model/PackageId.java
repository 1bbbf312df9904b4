package io.cocoatly.model;

/** One version of one package, written {@code name@version}. */
public record PackageId(PackageName name, Version version) implements Comparable<PackageId> {

    public static PackageId of(String name, String version) {
        return new PackageId(PackageName.of(name), Version.parse(version));
    }

    @Override
    public int compareTo(PackageId o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : version.compareTo(o.version);
    }

    // Written out as in PackageName (no ObjectMethods bootstrap at start-up), with the record's own hash.
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageId id && name.equals(id.name) && version.equals(id.version);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + version.hashCode();
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
