package io.cocoatly.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace: a root directory whose {@code cocoatly.json} has a {@code workspace} section, an
 * optional package of the root's own, and the member packages its globs found (docs/workspaces.md).
 * Plain data as read; what resolving a workspace means is the {@code project} module's business.
 *
 * @param root        the root directory, absolute and normalised
 * @param rootPackage the root manifest's own package, if it declares one (name and version)
 * @param members     sorted by path, names unique and different from the root package's
 */
public record Workspace(Path root, Optional<Manifest> rootPackage, List<Member> members) {

    /**
     * The name a workspace without a package of its own is known by where a name is needed (the
     * lockfile's {@code manifest} section, explanations): chosen so that no member may take it.
     */
    public static final PackageName UNNAMED = PackageName.of("workspace");

    /** The version that goes with {@link #UNNAMED}. */
    public static final Version UNNAMED_VERSION = Version.parse("0.0.0");

    /**
     * One member package.
     *
     * @param path     the member's directory relative to the workspace root, with {@code /} between
     *                 segments whatever the platform, e.g. {@code apps/web}
     * @param manifest the member's own {@code cocoatly.json}
     */
    public record Member(String path, Manifest manifest) {
        public Member {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(manifest, "manifest");
        }

        public PackageName name() {
            return manifest.name();
        }

        public Version version() {
            return manifest.version();
        }

        /** How messages name the member: {@code web (apps/web)}. */
        public String label() {
            return manifest.name() + " (" + path + ")";
        }
    }

    public Workspace {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rootPackage, "rootPackage");
        members = members.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
    }

    /** The root's name: its package's, else {@link #UNNAMED}. */
    public PackageName name() {
        return rootPackage.map(Manifest::name).orElse(UNNAMED);
    }

    /** The root's version: its package's, else {@link #UNNAMED_VERSION}. */
    public Version version() {
        return rootPackage.map(Manifest::version).orElse(UNNAMED_VERSION);
    }

    /** The member named {@code name}, if there is one. */
    public Optional<Member> member(PackageName name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The root's own package as a member at path {@code .}, if the root has one: what depending on it
     * and publishing it treat like any member (a dependency on it is satisfied by its version).
     */
    public Optional<Member> rootMember() {
        return rootPackage.map(p -> new Member(".", p));
    }

    /** The workspace's own package named {@code name}: a member, or the root's package ({@link #rootMember}). */
    public Optional<Member> local(PackageName name) {
        return member(name).or(() -> rootMember().filter(m -> m.name().equals(name)));
    }
}
