package io.cocoatly.registry.db;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.RegistryEditor;
import java.util.Optional;

/**
 * The one naming rule of an {@link ArtifactStore}: a release's archive is stored under
 * {@code <name>/<name>-<version>.tar.gz}, the read protocol's {@code artifacts/…} path
 * (docs/registry-protocol.md §1, {@link RegistryEditor#artifactPath}) without its
 * {@code artifacts/}. The version is its canonical text with build metadata, so
 * {@code 1.0.0+build.5} is stored under {@code tls/tls-1.0.0+build.5.tar.gz}. Names and versions are
 * validated, so a key is always two path segments, neither {@code .} nor {@code ..}.
 */
public final class ArtifactKeys {

    private static final String ARTIFACTS = "artifacts/";
    private static final String SUFFIX = ".tar.gz";

    private ArtifactKeys() {
    }

    /** The key of a release's archive: {@code <name>/<name>-<version>.tar.gz}. */
    public static String key(PackageId id) {
        return RegistryEditor.artifactPath(id).substring(ARTIFACTS.length());
    }

    /**
     * The release a key names, if it is exactly the key of one ({@code key(release(k)) == k}):
     * a valid name, the file named after it, a valid version in canonical form.
     *
     * @return empty for anything else, such as a temporary file or an object another tool left
     */
    public static Optional<PackageId> release(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String name = key.substring(0, slash);
        String file = key.substring(slash + 1);
        String head = name + "-";
        if (PackageName.problem(name) != null || !file.startsWith(head) || !file.endsWith(SUFFIX)
                || file.length() <= head.length() + SUFFIX.length()) {
            return Optional.empty();
        }
        String version = file.substring(head.length(), file.length() - SUFFIX.length());
        if (!Version.isValid(version)) {
            return Optional.empty();
        }
        PackageId id = new PackageId(PackageName.of(name), Version.parse(version));
        return key(id).equals(key) ? Optional.of(id) : Optional.empty();
    }
}
