package io.cocoatly.registry;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code index/<name>.json}: every release of one package. Unknown keys are ignored so that
 * older clients can read indexes that newer tools extend (see docs/formats.md).
 */
final class IndexFile {

    private IndexFile() {
    }

    /**
     * Validates the whole document and builds the listing.
     *
     * @param expected the name the file is stored under; the document's {@code name} must match it
     * @throws io.cocoatly.model.InvalidFileException on the first problem found
     */
    static PackageListing read(JsonCursor root, PackageName expected) {
        JsonCursor nameAt = root.required("name");
        PackageName name = Fields.packageName(nameAt);
        if (!name.equals(expected)) {
            throw nameAt.error("name `" + name + "` does not match the file name `" + expected + ".json`",
                    "an index file is named after its package: rename it to `" + name + ".json` or fix `name`");
        }
        List<Release> releases = new ArrayList<>();
        Map<Version, JsonCursor> seen = new HashMap<>();
        for (JsonCursor entry : root.required("versions").elements()) {
            JsonCursor versionAt = entry.required("version");
            Version version = Fields.version(versionAt);
            JsonCursor earlier = seen.putIfAbsent(version, versionAt);
            if (earlier != null) {
                throw versionAt.error("duplicate version `" + version + "`: already listed at " + earlier.path()
                        + " as `" + earlier.string() + "`",
                        "versions that differ only in build metadata (`+...`) are the same version");
            }
            releases.add(release(entry, new PackageId(name, version)));
        }
        return new PackageListing(name, releases);
    }

    private static Release release(JsonCursor entry, PackageId id) {
        var dependencies = entry.optional("dependencies").map(Fields::dependencies).orElse(List.of());
        boolean yanked = entry.optional("yanked").map(JsonCursor::bool).orElse(false);
        Optional<Artifact> artifact = entry.optional("artifact").map(ArtifactJson::read);
        return new Release(id, dependencies, yanked, artifact);
    }
}
