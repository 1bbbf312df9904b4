package io.cocoatly.lockfile;

import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The lockfile's {@code manifest} section: which project it was made for and a digest of that
 * project's requirements, so {@code lock --check} can tell when the manifest changed.
 *
 * @param requirementsDigest {@code sha256:} followed by 64 lowercase hex digits, see {@link RequirementsDigest}
 */
public record ManifestInfo(PackageName name, Version version, String requirementsDigest) {

    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** @throws IllegalArgumentException if the digest is not {@code sha256:<64 hex>} */
    public ManifestInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requirementsDigest, "requirementsDigest");
        if (!DIGEST.matcher(requirementsDigest).matches()) {
            throw new IllegalArgumentException("not a sha256:<hex> digest: " + requirementsDigest);
        }
    }
}
