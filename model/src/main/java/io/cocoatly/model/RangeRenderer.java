package io.cocoatly.model;

/** Renders a {@link VersionRange} in requirement syntax. */
final class RangeRenderer {

    private RangeRenderer() {
    }

    static String render(VersionRange range) {
        return "releases " + range.releases() + " prereleases " + range.prereleases();
    }
}
