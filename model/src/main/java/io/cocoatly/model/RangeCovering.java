package io.cocoatly.model;

import java.util.Collection;

/** Finds a readable range that selects given versions out of a universe. */
final class RangeCovering {

    private RangeCovering() {
    }

    static VersionRange cover(Collection<Version> chosen, Collection<Version> universe) {
        return VersionRange.of(chosen);
    }
}
