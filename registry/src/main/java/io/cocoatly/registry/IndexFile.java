package io.cocoatly.registry;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.InvalidFileException;
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
 *
 * <p>Two levels of failure. The file as a whole (not JSON, {@code name} missing or not matching,
 * {@code versions} not an array) is an error: the package is unreadable. One release entry that
 * cannot be read (not an object, a missing or invalid version, a duplicate version, a bad
 * dependency name or requirement, a bad {@code yanked} or {@code artifact}) is left out and
 * reported as a {@link LeftOutRelease}, keeping the first readable entry of duplicates, unless the
 * caller reads strictly.
 */
final class IndexFile {

    /**
     * A file read leniently: the releases kept and the entries left out, in file order.
     *
     * @param listing the package's readable releases
     * @param leftOut the entries that could not be read
     */
    record Read(PackageListing listing, List<LeftOutRelease> leftOut) {
        Read {
            leftOut = List.copyOf(leftOut);
        }
    }

    private IndexFile() {
    }

    /**
     * Reads the file, leaving out the release entries that cannot be read.
     *
     * @param expected the name the file is stored under; the document's {@code name} must match it
     * @throws InvalidFileException if the file as a whole is malformed
     */
    static Read read(JsonCursor root, PackageName expected) {
        return read(root, expected, false);
    }

    /**
     * Reads the file, failing on the first entry that cannot be read: for a registry editor, which
     * rewrites the whole file and must not drop an entry it could not read.
     *
     * @throws InvalidFileException on the first problem found
     */
    static PackageListing readStrictly(JsonCursor root, PackageName expected) {
        return read(root, expected, true).listing();
    }

    /**
     * The release {@code id} alone, reading of the other entries no more than their version: what a
     * caller that needs one known release reads ({@link FileRegistry#release}). Empty when the first
     * entry of that version cannot be read whole, or there is none; the caller then reads the file as
     * {@link #read} does, which reports (or keeps) such an entry as it always has. An entry whose
     * version cannot be read is passed over: it cannot be {@code id}'s, whose version is a valid one.
     *
     * @throws InvalidFileException if the file as a whole is malformed, as {@link #read} would
     */
    static Optional<Release> release(JsonCursor root, PackageId id) {
        PackageName name = name(root, id.name());
        for (JsonCursor entry : root.required("versions").elements()) {
            Version version;
            try {
                version = Fields.version(entry.required("version"));
            } catch (InvalidFileException e) {
                continue;
            }
            if (version.equals(id.version())) {
                try {
                    return Optional.of(release(entry, name, new HashMap<>()));
                } catch (InvalidFileException e) {
                    return Optional.empty(); // a later duplicate may be the one kept: the whole file decides
                }
            }
        }
        return Optional.empty();
    }

    private static PackageName name(JsonCursor root, PackageName expected) {
        JsonCursor nameAt = root.required("name");
        PackageName name = Fields.packageName(nameAt);
        if (!name.equals(expected)) {
            throw nameAt.error("name `" + name + "` does not match the file name `" + expected + ".json`",
                    "an index file is named after its package: rename it to `" + name + ".json` or fix `name`");
        }
        return name;
    }

    private static Read read(JsonCursor root, PackageName expected, boolean strict) {
        PackageName name = name(root, expected);
        List<Release> releases = new ArrayList<>();
        List<LeftOutRelease> leftOut = new ArrayList<>();
        Map<Version, JsonCursor> seen = new HashMap<>();
        for (JsonCursor entry : root.required("versions").elements()) {
            try {
                releases.add(release(entry, name, seen));
            } catch (InvalidFileException e) {
                if (strict) {
                    throw e;
                }
                leftOut.add(new LeftOutRelease(name, e.file(), e.jsonPath(), e.problem()));
            }
        }
        return new Read(new PackageListing(name, releases), leftOut);
    }

    // Only a release read whole counts in `seen`: when the first of two duplicates is unreadable,
    // the second is the first readable one and is kept.
    private static Release release(JsonCursor entry, PackageName name, Map<Version, JsonCursor> seen) {
        JsonCursor versionAt = entry.required("version");
        Version version = Fields.version(versionAt);
        JsonCursor earlier = seen.get(version);
        if (earlier != null) {
            throw versionAt.error("duplicate version `" + version + "`: already listed at " + earlier.path()
                    + " as `" + earlier.string() + "`",
                    "versions that differ only in build metadata (`+...`) are the same version");
        }
        List<Dependency> dependencies = entry.optional("dependencies").map(Fields::dependencies).orElse(List.of());
        boolean yanked = entry.optional("yanked").map(JsonCursor::bool).orElse(false);
        Optional<Artifact> artifact = entry.optional("artifact").map(ArtifactJson::read);
        seen.put(version, versionAt);
        return new Release(new PackageId(name, version), dependencies, yanked, artifact);
    }
}
