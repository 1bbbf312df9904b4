package io.cocoatly.registry;

import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Dependency;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry: {@code registry.json} plus one {@code index/<name>.json} per package (see
 * docs/formats.md), read from a {@link RegistrySource} (a directory today). {@link #open} reads {@code registry.json} at once; each index file
 * is read the first time its package is asked for, at most once, and the result (including "no
 * such package") is kept. Safe to use from several threads.
 */
public final class FileRegistry implements PackageIndex {

    static final String REGISTRY_FILE = "registry.json";
    static final String INDEX_DIR = "index";
    private static final String CODE = "invalid-registry";
    private static final String SUFFIX = ".json";

    private final RegistrySource source;
    private final String name;
    private final URI location;
    private final ConcurrentHashMap<PackageName, Optional<PackageListing>> listings = new ConcurrentHashMap<>();

    private FileRegistry(RegistrySource source, String name) {
        this.source = source;
        this.name = name;
        this.location = source.location();
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
     * {@code registry.json}.
     *
     * @throws CocoatlyException with code {@code registry-not-found} if it has no {@code registry.json}
     * @throws InvalidFileException if {@code registry.json} is malformed or of an unsupported format
     */
    public static FileRegistry open(RegistrySource source) {
        byte[] bytes = source.read(REGISTRY_FILE).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "registry-not-found",
                "no registry at `" + source.describe("") + "`: `" + REGISTRY_FILE + "` is missing",
                List.of(DirectorySource.WHAT_A_REGISTRY_IS)));
        String name = RegistryFile.read(StrictJson.parse(bytes, source.describe(REGISTRY_FILE), CODE, Fields.EMPTY_FILE_HINT));
        return new FileRegistry(source, name);
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
        return name;
    }

    /**
     * The package's releases from {@code index/<name>.json}, or empty if there is no such file.
     *
     * @throws InvalidFileException if the index file is malformed; it is read again on the next call
     * @throws CocoatlyException with code {@code registry-unreadable} if it cannot be read
     */
    @Override
    public Optional<PackageListing> find(PackageName name) {
        Objects.requireNonNull(name, "name");
        return listings.computeIfAbsent(name, this::load);
    }

    private Optional<PackageListing> load(PackageName name) {
        // The name is a validated PackageName, so this path cannot leave the index directory.
        String path = INDEX_DIR + "/" + name.value() + SUFFIX;
        Optional<PackageListing> listing = source.read(path)
                .map(bytes -> IndexFile.read(StrictJson.parse(bytes, source.describe(path), CODE, Fields.EMPTY_FILE_HINT), name));
        listing.ifPresent(this::prefetchDependencies);
        return listing;
    }

    // The resolver will ask for these next; a remote source fetches them meanwhile.
    private void prefetchDependencies(PackageListing listing) {
        Set<String> paths = new TreeSet<>();
        for (Release release : listing.releases()) {
            for (Dependency dependency : release.dependencies()) {
                PackageName target = dependency.name();
                if (!listings.containsKey(target)) {
                    paths.add(INDEX_DIR + "/" + target.value() + SUFFIX);
                }
            }
        }
        if (!paths.isEmpty()) {
            source.prefetch(paths);
        }
    }

    /**
     * Every package that has an index file, sorted by name. Lists the directory only; no index
     * file is read.
     *
     * @throws InvalidFileException if an index file's name is not a valid package name
     */
    public List<PackageName> packageNames() {
        List<PackageName> names = new ArrayList<>();
        for (String file : source.list(INDEX_DIR)) {
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

    /** {@link #packageNames()}: a directory lists its index cheaply. */
    @Override
    public Optional<List<PackageName>> listNames() {
        return Optional.of(packageNames());
    }

    @Override
    public String toString() {
        return "FileRegistry[" + name + " at " + source.describe("") + "]";
    }
}
