package io.cocoatly.lockfile;

import io.cocoatly.model.Artifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a format-2 lockfile's {@code sources}: a registry the packages were locked from, by
 * the name in its {@code registry.json} and the location it was read at. A package names its source
 * by {@code name}; its artifact URL was resolved against {@code url} when the lockfile was written
 * (see {@link #locate}), so installing needs only the lockfile.
 *
 * <p>The URL is what was used, not a promise that it still works: a {@code file:} URL names a
 * directory on the machine that locked, and {@code lock} records the new location when it is run
 * against the moved registry.
 *
 * @param name the registry's name, not empty; unique within a lockfile
 * @param url  an absolute {@code http}, {@code https} or {@code file} URL of the registry root,
 *             ending in {@code /}, without query or fragment
 */
public record LockedSource(String name, URI url) {

    /** The URL schemes the installer can fetch from. */
    static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /** @throws IllegalArgumentException if the name is empty or the URL breaks the rules above */
    public LockedSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a source needs a name");
        }
        String problem = urlProblem(url.toString());
        if (problem != null) {
            throw new IllegalArgumentException("source `" + name + "`: " + problem);
        }
    }

    /**
     * The source for a registry named {@code name} at {@code location}. A {@code file:/path} URL is
     * written {@code file:///path}, and a missing final {@code /} is added, so that relative artifact
     * URLs resolve inside the registry root.
     *
     * @throws IllegalArgumentException if the location is not an absolute http(s) or file URL
     */
    public static LockedSource of(String name, URI location) {
        String text = canonicalFile(location.toString());
        return new LockedSource(name, URI.create(text.endsWith("/") ? text : text + "/"));
    }

    /**
     * {@code artifact} with its URL resolved against this source: a relative URL (as registries
     * write them, e.g. {@code artifacts/http-2.0.1.tar.gz}) becomes absolute, an absolute one is
     * kept. This is the URL a format-2 lockfile records.
     *
     * @throws IllegalArgumentException if the artifact's URL is not a valid URI reference, or does
     *     not resolve to an http, https or file URL
     */
    public Artifact locate(Artifact artifact) {
        URI reference;
        try {
            reference = new URI(artifact.url());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: `" + artifact.url() + "`: " + e.getReason(), e);
        }
        String resolved = canonicalFile(url.resolve(reference).toString());
        String problem = artifactUrlProblem(resolved);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Artifact(resolved, artifact.size(), artifact.checksums(), artifact.signature());
    }

    /** Why {@code text} cannot be a source URL, or null if it can. */
    static String urlProblem(String text) {
        URI uri;
        try {
            uri = absolute(text, "");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "a source URL has no query or fragment: `" + text + "`";
        }
        if (!uri.getRawPath().endsWith("/")) {
            return "a source URL names a directory and ends with `/`: `" + text + "`";
        }
        return null;
    }

    /** Why {@code text} cannot be an artifact URL of a format-2 lockfile, or null if it can. */
    static String artifactUrlProblem(String text) {
        try {
            absolute(text, " (format 2 records where each artifact is)");
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    // An absolute hierarchical URL the installer can fetch from, else IllegalArgumentException saying why.
    private static URI absolute(String text, String why) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: `" + text + "`: " + e.getReason(), e);
        }
        if (!uri.isAbsolute() || uri.isOpaque() || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("expected an absolute http, https or file URL" + why + ": `" + text + "`");
        }
        return uri;
    }

    // java.net.URI writes `file:///a` resolved against anything as `file:/a`: the same URL, but
    // artifact URLs should visibly start with their source's URL, as Path.toUri() writes it.
    private static String canonicalFile(String text) {
        return text.startsWith("file:/") && !text.startsWith("file://") ? "file://" + text.substring("file:".length()) : text;
    }
}
