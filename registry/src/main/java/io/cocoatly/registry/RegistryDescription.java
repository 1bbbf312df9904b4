package io.cocoatly.registry;

import io.cocoatly.model.PackageId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code registry.json} says about a registry (docs/registry-protocol.md, "registry.json"):
 * its name, where its write API is, where its artifacts are, whether it needs a token, and the
 * publisher keys it vouches for. Read strictly by {@link FileRegistry#open}: a known key of the
 * wrong type is an error naming its JSON path; unknown keys are ignored.
 *
 * @param name          the registry's name, not blank
 * @param api           the write API's base URL as written, absolute or relative to the registry
 *                      root; empty for a read-only registry
 * @param artifactUrl   the artifact URL template with {@code {name}} and {@code {version}}, for
 *                      index entries whose {@code url} is relative; empty: they resolve against the
 *                      registry root
 * @param authRequired  whether every request needs a token
 * @param publisherKeys the keys the registry vouches for: information only, never trusted here
 */
public record RegistryDescription(String name, Optional<URI> api, Optional<String> artifactUrl, boolean authRequired,
                                  List<PublisherKey> publisherKeys) {

    /** The placeholder the template replaces with the package name. */
    public static final String NAME_PLACEHOLDER = "{name}";
    /** The placeholder the template replaces with the version's canonical text. */
    public static final String VERSION_PLACEHOLDER = "{version}";

    /**
     * One publisher key of {@code publisher_keys}, in the form of {@code cocoatly keygen}'s
     * {@code cocoatly.pub}.
     *
     * @param keyId     e.g. {@code ed25519:3f2a9c01d4e5b6a7}
     * @param publicKey standard base64 of the 32-byte Ed25519 public key
     * @param owner     the user the key belongs to
     */
    public record PublisherKey(String keyId, String publicKey, String owner) {

        /** @throws NullPointerException if a component is null */
        public PublisherKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** @throws NullPointerException if a component is null */
    public RegistryDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(artifactUrl, "artifactUrl");
        publisherKeys = List.copyOf(publisherKeys);
    }

    /** A registry with a name and nothing else: read-only, no template, no token, no keys. */
    public static RegistryDescription named(String name) {
        return new RegistryDescription(name, Optional.empty(), Optional.empty(), false, List.of());
    }

    /**
     * The write API's base URL, resolved against the registry root {@code base} (which ends in
     * {@code /}) and ending in {@code /} itself, so that endpoints resolve inside it; empty for a
     * read-only registry.
     */
    public Optional<URI> apiAt(URI base) {
        return api.map(base::resolve).map(uri -> uri.toString().endsWith("/") ? uri : URI.create(uri + "/"));
    }

    /**
     * Where the artifact of release {@code id} is, in the registry's terms: {@code url} itself when it
     * is absolute (or not a URL at all, which the lockfile reports), else the expanded
     * {@link #artifactUrl} template if there is one, else {@code url}. What comes out may still be
     * relative; it is resolved against the registry root where every artifact URL is, when locking.
     */
    public String artifactReference(PackageId id, String url) {
        if (artifactUrl.isEmpty() || isAbsoluteOrInvalid(url)) {
            return url;
        }
        return expand(artifactUrl.get(), id.name().value(), id.version().toString());
    }

    /** The template with its placeholders replaced. */
    static String expand(String template, String name, String version) {
        return template.replace(NAME_PLACEHOLDER, name).replace(VERSION_PLACEHOLDER, version);
    }

    private static boolean isAbsoluteOrInvalid(String url) {
        try {
            return new URI(url).isAbsolute();
        } catch (URISyntaxException e) {
            return true;
        }
    }
}
