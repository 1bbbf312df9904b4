package io.cocoatly.model;

/** PLACEHOLDER: the semver work replaces this file entirely. */
public final class VersionRange {
    public static VersionRange parse(String requirement) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
