package io.cocoatly.registry;

import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Artifact;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A registry: {@code registry.json} plus one {@code index/<name>.json} per package (see
 * docs/formats.md and docs/registry-protocol.md), read from a {@link RegistrySource}. {@link #open}
 * reads {@code registry.json} at once; each index file is read the first time its package is asked
 * for, at most once, and the result (including "no such package") is kept. Safe to use from several
 * threads.
 *
 * <p>A release entry that cannot be read is left out and the rest of its package kept; each one is
 * reported once, to the listener given at {@link #open(RegistrySource, Consumer)} and in
 * {@link #leftOut()}. An index file that is unreadable as a whole is still an error.
 */
public final class FileRegistry implements PackageIndex {

    static final String REGISTRY_FILE = "registry.json";
    static final String INDEX_DIR = "index";
    private static final String CODE = "invalid-registry";
    private static final String SUFFIX = ".json";

    /** The error code of {@link #packageNames()} when a registry can neither list nor has {@code names.json}. */
    public static final String NAMES_MISSING = "registry-names-missing";

    private final RegistrySource source;
    private final RegistryDescription description;
    private final URI location;
    private final Consumer<LeftOutRelease> onLeftOut;
    private final List<LeftOutRelease> leftOut = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<PackageName, Optional<PackageListing>> listings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PackageId, Optional<Release>> releases = new ConcurrentHashMap<>();

    private FileRegistry(RegistrySource source, RegistryDescription description, Consumer<LeftOutRelease> onLeftOut) {
        this.source = source;
        this.description = description;
        this.location = source.location();
        this.onLeftOut = onLeftOut;
    }

    /**
     * Opens the registry in {@code dir} and reads its {@code registry.json}.
     *
     * @throws CocoatlyException with code {@code registry-not-found} if there is no registry there
     * @throws InvalidFileException if {@code registry.json} is malformed or of an unsupported format
     */
    public static FileRegistry open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return open(DirectorySource.open(dir));
    }

    /**
     * Opens the registry {@code source} serves (see {@link RegistrySources#open}) and reads its
     * {@code registry.json}; left-out release entries are only collected in {@link #leftOut()}.
     *
     * @throws CocoatlyException with code {@code registry-not-found} if it has no {@code registry.json}
     * @throws InvalidFileException if {@code registry.json} is malformed or of an unsupported format
     */
    public static FileRegistry open(RegistrySource source) {
        return open(source, leftOut -> { });
    }

    /**
     * As {@link #open(RegistrySource)}, telling {@code onLeftOut} of each release entry left out, once,
     * as soon as its index file is read: on the thread that reads it, possibly on several threads at
     * once, and before {@link #find} returns the package.
     *
     * @throws CocoatlyException with code {@code registry-not-found} if it has no {@code registry.json}
     * @throws InvalidFileException if {@code registry.json} is malformed or of an unsupported format
     */
    public static FileRegistry open(RegistrySource source, Consumer<LeftOutRelease> onLeftOut) {
        Objects.requireNonNull(onLeftOut, "onLeftOut");
        byte[] bytes = source.read(REGISTRY_FILE).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "registry-not-found",
                "no registry at `" + source.describe("") + "`: `" + REGISTRY_FILE + "` is missing",
                List.of(DirectorySource.WHAT_A_REGISTRY_IS)));
        RegistryDescription description = RegistryFile.read(StrictJson.parse(bytes, source.describe(REGISTRY_FILE), CODE,
                Fields.EMPTY_FILE_HINT));
        return new FileRegistry(source, description, onLeftOut);
    }

    /** What {@code registry.json} says: name, API, artifact URL template, token need, publisher keys. */
    public RegistryDescription description() {
        return description;
    }

    /**
     * The release entries left out so far because they could not be read, in the order found (across
     * threads, the order the files finished reading), each once. Grows as index files are read; a
     * command that reads every package ({@code check}) sees them all at the end.
     */
    public List<LeftOutRelease> leftOut() {
        return List.copyOf(leftOut);
    }

    /**
     * Where the registry is, as a URL ending in {@code /} (a directory as {@code file:///srv/registry/}).
     * Lockfiles record it as the source's URL.
     */
    public URI location() {
        return location;
    }

    /** The name given in {@code registry.json}. */
    @Override
    public String name() {
        return description.name();
    }

    /**
     * The package's releases from {@code index/<name>.json}, or empty if there is no such file.
     * Entries that cannot be read are left out (see {@link #leftOut()}); a relative artifact URL goes
     * through {@code registry.json}'s {@code artifact_url} template, if it has one
     * ({@link RegistryDescription#artifactReference}).
     *
     * @throws InvalidFileException if the index file as a whole is malformed; it is read again on the
     *     next call
     * @throws CocoatlyException with code {@code registry-unreadable} if it cannot be read
     */
    @Override
    public Optional<PackageListing> find(PackageName name) {
        Objects.requireNonNull(name, "name");
        return listings.computeIfAbsent(name, this::load);
    }

    private Optional<PackageListing> load(PackageName name) {
        String path = indexPath(name);
        Optional<byte[]> bytes = source.read(path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        IndexFile.Read read = IndexFile.read(StrictJson.parse(bytes.get(), source.describe(path), CODE, Fields.EMPTY_FILE_HINT), name);
        PackageListing listing = located(read.listing());
        // Reported only once the file was read whole: a file that fails is read again, and its
        // entries must not be reported twice.
        for (LeftOutRelease entry : read.leftOut()) {
            leftOut.add(entry);
            onLeftOut.accept(entry);
        }
        prefetchDependencies(listing.releases());
        return Optional.of(listing);
    }

    /**
     * The release {@code id}, reading of its index file only that release's entry (and the other
     * entries' versions): for a caller that knows which release it needs, as {@code lock --check} and
     * {@code install --locked} know the locked ones. Answers as {@code find(id.name())} filtered to
     * {@code id}'s version would, except that an entry of another version is not read, so one that
     * cannot be read is neither left out nor reported (docs/performance-startup.md). When the entry is
     * missing, or is itself unreadable, the whole file is read as by {@link #find}, which reports what
     * it leaves out as always. Each answer is kept, as {@link #find}'s are, so that a caller may read
     * the entries it will ask for ahead, on another thread ({@code lock --check}); a failure is not
     * kept, and the next call reads the file again.
     *
     * @throws InvalidFileException if the index file as a whole is malformed
     * @throws CocoatlyException with code {@code registry-unreadable} if it cannot be read
     */
    @Override
    public Optional<Release> release(PackageId id) {
        Objects.requireNonNull(id, "id");
        Optional<Release> kept = releases.get(id);
        if (kept != null) {
            return kept;
        }
        Optional<Release> release = readRelease(id);
        releases.putIfAbsent(id, release);
        return release;
    }

    private Optional<Release> readRelease(PackageId id) {
        Optional<PackageListing> known = listings.get(id.name());
        if (known == null) {
            String path = indexPath(id.name());
            Optional<Release> release = source.read(path).flatMap(bytes -> IndexFile.release(
                    StrictJson.parse(bytes, source.describe(path), CODE, Fields.EMPTY_FILE_HINT), id));
            if (release.isPresent()) {
                prefetchDependencies(List.of(release.get()));
                return release.map(this::located);
            }
        }
        return PackageIndex.super.release(id);
    }

    private static String indexPath(PackageName name) {
        // The name is a validated PackageName, so this path cannot leave the index directory.
        return INDEX_DIR + "/" + name.value() + SUFFIX;
    }

    private PackageListing located(PackageListing listing) {
        if (description.artifactUrl().isEmpty()) {
            return listing;
        }
        List<Release> releases = new ArrayList<>();
        for (Release r : listing.releases()) {
            releases.add(located(r));
        }
        return new PackageListing(listing.name(), releases);
    }

    private Release located(Release r) {
        return r.artifact().isEmpty() || description.artifactUrl().isEmpty() ? r : new Release(r.id(),
                r.dependencies(), r.yanked(), r.artifact().map(a -> new Artifact(
                description.artifactReference(r.id(), a.url()), a.size(), a.checksums(), a.signature())));
    }

    // The resolver will ask for these next; a remote source fetches them meanwhile.
    private void prefetchDependencies(List<Release> releases) {
        Set<String> paths = new TreeSet<>();
        for (Release release : releases) {
            for (Dependency dependency : release.dependencies()) {
                PackageName target = dependency.name();
                if (!listings.containsKey(target)) {
                    paths.add(indexPath(target));
                }
            }
        }
        if (!paths.isEmpty()) {
            source.prefetch(paths);
        }
    }

    /**
     * Every package of the registry, sorted by name, without reading any index file: the names of
     * the files in {@code index/} when the source can list it (a directory), else the registry's
     * {@code names.json} (a registry over HTTP).
     *
     * @throws InvalidFileException if an index file's name is not a valid package name, or
     *     {@code names.json} is malformed
     * @throws CocoatlyException with code {@value #NAMES_MISSING} if the source cannot list and has
     *     no {@code names.json}
     */
    public List<PackageName> packageNames() {
        return packageNames(source.list(INDEX_DIR));
    }

    private List<PackageName> packageNames(Optional<List<String>> files) {
        if (files.isEmpty()) {
            return namesFile().orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, NAMES_MISSING,
                    "registry `" + name() + "` cannot list its packages: `" + source.describe(NamesFile.FILE) + "` is missing",
                    List.of("run `cocoatly registry reindex DIR` on the registry's directory, and serve the `"
                            + NamesFile.FILE + "` it writes with the registry")));
        }
        List<PackageName> names = new ArrayList<>();
        for (String file : files.get()) {
            if (!file.endsWith(SUFFIX)) {
                continue;
            }
            String stem = file.substring(0, file.length() - SUFFIX.length());
            String problem = PackageName.problem(stem);
            if (problem != null) {
                throw new InvalidFileException(CODE, source.describe(INDEX_DIR + "/" + file), "$",
                        "the file name is not a package name: invalid package name `" + stem + "`: " + problem,
                        List.of("index files are named `<package name>.json`; rename or remove this one"));
            }
            names.add(PackageName.of(stem));
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private Optional<List<PackageName>> namesFile() {
        return source.read(NamesFile.FILE)
                .map(bytes -> NamesFile.read(StrictJson.parse(bytes, source.describe(NamesFile.FILE), CODE, Fields.EMPTY_FILE_HINT)));
    }

    /**
     * {@link #packageNames()}, or empty when the registry cannot say (no listing and no
     * {@code names.json}): the names only serve hints, which can do without.
     */
    @Override
    public Optional<List<PackageName>> listNames() {
        Optional<List<String>> files = source.list(INDEX_DIR);
        return files.isPresent() ? Optional.of(packageNames(files)) : namesFile();
    }

    @Override
    public String toString() {
        return "FileRegistry[" + name() + " at " + source.describe("") + "]";
    }
}
