package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.InvalidFileException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code registry.json}, the file that marks a directory as a registry and describes it
 * (docs/formats.md, docs/registry-protocol.md). Known keys are read strictly; unknown keys are
 * ignored, so a newer registry stays readable by an older client.
 */
final class RegistryFile {

    /** The only layout this client reads. */
    static final int FORMAT = 1;

    private static final int ED25519_PUBLIC_KEY_BYTES = 32;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    private RegistryFile() {
    }

    /**
     * The registry's description, after checking that the format is one this client reads. The
     * format is checked first: a newer format may not have the other fields at all.
     *
     * @throws InvalidFileException with code {@code unsupported-registry-format} for any other
     *     format, or the file's code for a missing or malformed key
     */
    static RegistryDescription read(JsonCursor root) {
        JsonCursor formatAt = root.required("format");
        long format = formatAt.integer();
        if (format != FORMAT) {
            throw new InvalidFileException("unsupported-registry-format", formatAt.file(), formatAt.path(),
                    "unsupported registry format `" + format + "`: this version of cocoatly reads format " + FORMAT,
                    List.of("a newer cocoatly may read this registry; check for an update"));
        }
        JsonCursor nameAt = root.required("name");
        String name = nameAt.string();
        if (name.isBlank()) {
            throw nameAt.error("the registry name must not be empty");
        }
        Optional<URI> api = root.optional("api").map(RegistryFile::api);
        Optional<String> artifactUrl = root.optional("artifact_url").map(RegistryFile::template);
        boolean authRequired = root.optional("auth_required").map(JsonCursor::bool).orElse(false);
        List<RegistryDescription.PublisherKey> keys = root.optional("publisher_keys").map(RegistryFile::keys).orElse(List.of());
        return new RegistryDescription(name, api, artifactUrl, authRequired, keys);
    }

    private static URI api(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("the API URL must not be empty", "leave `api` out for a read-only registry");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw at.error("not a valid URL: `" + text + "`: " + e.getReason());
        }
    }

    // Only {name} and {version} are placeholders; anything else in braces is a mistake, which would
    // otherwise become a URL that quietly fails to download.
    private static String template(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("the artifact URL template must not be empty",
                    "leave `artifact_url` out to resolve artifact URLs against the registry");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String found = m.group();
            if (!found.equals(RegistryDescription.NAME_PLACEHOLDER) && !found.equals(RegistryDescription.VERSION_PLACEHOLDER)) {
                throw at.error("unknown placeholder `" + found + "` in `" + text + "`",
                        "the placeholders are `{name}` and `{version}`");
            }
        }
        String sample = RegistryDescription.expand(text, "name", "1.0.0");
        try {
            new URI(sample);
        } catch (URISyntaxException e) {
            throw at.error("not a valid URL template: `" + text + "`: " + e.getReason());
        }
        return text;
    }

    private static List<RegistryDescription.PublisherKey> keys(JsonCursor at) {
        List<RegistryDescription.PublisherKey> keys = new ArrayList<>();
        for (JsonCursor entry : at.elements()) {
            String keyId = nonEmpty(entry.required("key_id"));
            JsonCursor publicKeyAt = entry.required("public_key");
            String publicKey = publicKeyAt.string();
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(publicKey);
            } catch (IllegalArgumentException e) {
                throw publicKeyAt.error("expected a base64 Ed25519 public key: " + e.getMessage());
            }
            if (bytes.length != ED25519_PUBLIC_KEY_BYTES) {
                throw publicKeyAt.error("an Ed25519 public key has " + ED25519_PUBLIC_KEY_BYTES + " bytes, found " + bytes.length);
            }
            keys.add(new RegistryDescription.PublisherKey(keyId, publicKey, nonEmpty(entry.required("owner"))));
        }
        return keys;
    }

    private static String nonEmpty(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("must not be empty");
        }
        return text;
    }
}
