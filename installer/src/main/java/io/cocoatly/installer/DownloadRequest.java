package io.cocoatly.installer;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One artifact to fetch.
 *
 * @param id       the package it belongs to (named in every event and error)
 * @param artifact its URL, size, digests and signature, as in the lockfile
 * @param url      the absolute {@code http}, {@code https} or {@code file} URL to fetch
 */
public record DownloadRequest(PackageId id, Artifact artifact, URI url) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    /** @throws CocoatlyException with code {@code unsupported-url} if {@code url} is not absolute http(s) or file */
    public DownloadRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(artifact, "artifact");
        if (!url.isAbsolute() || !SCHEMES.contains(url.getScheme().toLowerCase(java.util.Locale.ROOT))) {
            throw unsupported(id, url.toString());
        }
    }

    /**
     * The request for {@code artifact}, whose URL may be relative to {@code registry} (a registry root,
     * e.g. {@code https://example.org/registry/} or {@code file:/srv/registry/}).
     *
     * @throws CocoatlyException with code {@code unsupported-url} if the URL is malformed or of another scheme
     */
    public static DownloadRequest of(PackageId id, Artifact artifact, URI registry) {
        URI url;
        try {
            URI given = new URI(artifact.url());
            url = given.isAbsolute() ? given : asDirectory(registry).resolve(given);
        } catch (URISyntaxException e) {
            throw unsupported(id, artifact.url());
        }
        return new DownloadRequest(id, artifact, url);
    }

    private static URI asDirectory(URI registry) {
        String s = registry.toString();
        return s.endsWith("/") ? registry : URI.create(s + "/");
    }

    private static CocoatlyException unsupported(PackageId id, String url) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "unsupported-url", "`" + id + "` has an artifact URL that cannot be fetched: `"
                + url + "`", List.of("artifact URLs are http(s) or file URLs, or paths relative to the registry"));
    }
}
