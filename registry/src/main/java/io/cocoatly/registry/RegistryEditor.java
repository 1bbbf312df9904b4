package io.cocoatly.registry;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Changes a registry directory: adds releases (with their artifact files) and yanks or un-yanks
 * them. Every index file is rewritten whole, canonically and atomically (see {@link IndexWriter},
 * docs/formats.md). Everything it writes gets {@link FileModes#shared()}, so that a web server
 * running as another user can serve the registry. An editor holds the registry's lock from
 * {@link #open} to {@link #close}, so a check such as {@link #requireNew} stays true until the edit
 * that relies on it is written.
 *
 * <p>Reads go straight to the files, never through a cache, so an editor always sees the latest
 * committed state. Not for use by several threads at once; open one editor per thread instead.
 */
public final class RegistryEditor implements AutoCloseable {

    /** How long {@link #open(Path)} waits for another publisher to finish. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    private static final String CODE = "invalid-registry";
    private static final String ARTIFACTS_DIR = "artifacts";

    private final Path root;
    private final String name;
    private final RegistryLock lock;
    private final List<Path> leftoversRemoved;
    private final List<Path> parts = new ArrayList<>();

    private RegistryEditor(Path root, String name, RegistryLock lock, List<Path> leftoversRemoved) {
        this.root = root;
        this.name = name;
        this.lock = lock;
        this.leftoversRemoved = List.copyOf(leftoversRemoved);
    }

    /**
     * Creates an empty registry: {@code dir} (made if missing) gets a {@code registry.json} naming it
     * and an empty {@code names.json}.
     *
     * @throws CocoatlyException {@code registry-exists} if {@code dir} already has a
     *                           {@code registry.json}, {@code invalid-registry-name} if {@code name} is blank
     *                           or has a control character, {@code registry-unwritable} on I/O errors
     */
    public static void init(Path dir, String name) {
        Objects.requireNonNull(dir, "dir");
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-registry-name", "invalid registry name: `" + name + "`",
                    List.of("a registry name is shown in messages; use a short word such as `main` or `sample`"));
        }
        Path file = dir.resolve(FileRegistry.REGISTRY_FILE);
        try {
            Files.createDirectories(dir);
            // CREATE_NEW, not exists-then-write, so two concurrent inits cannot both succeed.
            Files.write(file, IndexWriter.registry(name), java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            FileModes.set(file, FileModes.shared());
            // No lock yet, but CREATE_NEW above made this init the only one.
            writeNames(dir, List.of());
        } catch (FileAlreadyExistsException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "registry-exists", "a registry already exists at `" + dir + "`",
                    List.of("publish into it with `cocoatly publish PATH --registry " + dir + "`"));
        } catch (IOException e) {
            throw RegistryLock.unwritable(dir, e);
        }
    }

    /**
     * Opens the registry in {@code dir} for editing, waiting up to {@link #DEFAULT_LOCK_TIMEOUT} for
     * its lock.
     *
     * @throws CocoatlyException {@code registry-not-found} if {@code dir} has no {@code registry.json},
     *                           {@code registry-locked} if another editor keeps the lock
     */
    public static RegistryEditor open(Path dir) {
        return open(dir, DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * As {@link #open(Path)}, waiting at most {@code lockTimeout} for the lock. Once it holds the lock,
     * the editor deletes the {@code artifacts/.publish-*.part} files that publishes killed before they
     * could clean up left behind ({@link #leftoversRemoved()}).
     *
     * @throws CocoatlyException also {@code registry-unwritable} if such a leftover cannot be deleted
     */
    public static RegistryEditor open(Path dir, Duration lockTimeout) {
        String name = FileRegistry.open(dir).name();
        RegistryLock lock = RegistryLock.acquire(dir, lockTimeout);
        List<Path> removed;
        try {
            removed = PartFiles.removeLeftovers(dir.resolve(ARTIFACTS_DIR));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e instanceof IOException io ? RegistryLock.unwritable(dir, io) : (RuntimeException) e;
        }
        return new RegistryEditor(dir, name, lock, removed);
    }

    /**
     * The part files of interrupted publishes this editor deleted when it opened, for the caller to
     * mention; empty almost always.
     */
    public List<Path> leftoversRemoved() {
        return leftoversRemoved;
    }

    /** The registry's root directory. */
    public Path root() {
        return root;
    }

    /** The name in {@code registry.json}. */
    public String name() {
        return name;
    }

    /**
     * Where a release's archive goes, relative to the registry root and with {@code /} separators:
     * {@code artifacts/<name>/<name>-<version>.tar.gz}. The name and version are validated, so
     * the path never leaves {@code artifacts/<name>/}.
     */
    public static String artifactPath(PackageId id) {
        return "artifacts/" + id.name().value() + "/" + id.name().value() + "-" + id.version() + ".tar.gz";
    }

    /**
     * The package's current releases, read from disk now. Read strictly, unlike
     * {@link FileRegistry}: the editor rewrites the whole file, and must not drop an entry it could
     * not read.
     *
     * @throws InvalidFileException if its index file is malformed, or one of its entries
     */
    public Optional<PackageListing> listing(PackageName name) {
        Path file = indexFile(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "registry-unreadable", "cannot read `" + file + "`: " + e.getMessage(),
                    List.of(), e);
        }
        return Optional.of(IndexFile.readStrictly(StrictJson.parse(bytes, file, CODE, Fields.EMPTY_FILE_HINT), name));
    }

    /**
     * Checks that {@code id} is not published yet, also not with other build metadata.
     *
     * @throws CocoatlyException {@code version-exists} if it is
     */
    public void requireNew(PackageId id) {
        Optional<Release> existing = find(id.name(), id.version());
        if (existing.isPresent()) {
            throw new CocoatlyException(ErrorKind.FAILED, "version-exists", "version already published: `" + existing.get().id() + "`",
                    List.of("a published version never changes; bump the version in `cocoatly.json` and publish that",
                            "to withdraw the old one, run `cocoatly yank " + id.name() + " " + existing.get().version()
                                    + " --registry " + root + "`"));
        }
    }

    /**
     * Adds a release to its package's index file (created if it is the first), after
     * {@link #requireNew}. If the release has an artifact whose URL is {@link #artifactPath}, its file
     * must already be in place; see {@link #addRelease(Release, Path)} to move it there.
     *
     * @throws CocoatlyException {@code version-exists}, {@code registry-unwritable}
     */
    public void addRelease(Release release) {
        requireNew(release.id());
        Optional<PackageListing> listing = listing(release.name());
        List<Release> releases = new ArrayList<>(listing.map(PackageListing::releases).orElse(List.of()));
        releases.add(release);
        writeIndex(new PackageListing(release.name(), releases));
        // After the index file, as the protocol orders it: a crash in between leaves a package
        // missing from names.json, which `registry reindex` repairs, never a name without a file.
        if (listing.isEmpty()) {
            reindex();
        }
    }

    /**
     * Adds whole packages the registry does not have yet, each index file written once, and
     * {@code names.json} once at the end: an import of many packages, where {@link #addRelease} would
     * rewrite {@code names.json} once per package (quadratic in their number). Artifact files are not
     * moved or checked.
     *
     * @throws CocoatlyException {@code version-exists} if the registry has one of the packages already,
     *     or one is given twice (checked before anything is written), {@code registry-unwritable}
     */
    public void addPackages(Iterable<PackageListing> listings) {
        List<PackageListing> all = new ArrayList<>();
        Set<PackageName> names = new HashSet<>();
        for (PackageListing listing : listings) {
            if (!names.add(listing.name()) || listing(listing.name()).isPresent()) {
                throw new CocoatlyException(ErrorKind.FAILED, "version-exists", "package already published: `"
                        + listing.name() + "`", List.of("add its new versions one by one"));
            }
            all.add(listing);
        }
        all.forEach(this::writeIndex);
        reindex();
    }

    /**
     * Rewrites {@code names.json} from the files in {@code index/}, atomically and under this
     * editor's lock: for a registry written by an older version, or after files were copied in by
     * hand. Index files are not read.
     *
     * @return the names written, sorted
     * @throws InvalidFileException if an index file's name is not a package name
     * @throws CocoatlyException {@code registry-unwritable}
     */
    public List<PackageName> reindex() {
        List<PackageName> names = FileRegistry.open(root).packageNames();
        try {
            writeNames(root, names);
        } catch (IOException e) {
            throw RegistryLock.unwritable(root, e);
        }
        return names;
    }

    /**
     * Moves {@code artifactFile} (a file on the registry's file system, such as one from
     * {@link #newTempFile}) to the release's {@link #artifactPath}, then adds the release. If adding
     * fails, the moved file is deleted again, so a refused release leaves no archive behind.
     *
     * @throws IllegalArgumentException if the release's artifact URL is not its {@link #artifactPath}
     */
    public void addRelease(Release release, Path artifactFile) {
        String url = release.artifact().map(Artifact::url).orElse("");
        if (!url.equals(artifactPath(release.id()))) {
            throw new IllegalArgumentException("artifact URL of " + release.id() + " must be " + artifactPath(release.id()));
        }
        requireNew(release.id());
        // An archive already at this path belongs to no listed release (a crash between the two
        // steps below leaves one); the index is the truth, so it is replaced.
        Path target = root.resolve(url);
        try {
            AtomicFiles.moveInto(artifactFile, target, FileModes.shared());
        } catch (IOException e) {
            throw RegistryLock.unwritable(root, e);
        }
        PartFiles.forget(artifactFile);
        try {
            addRelease(release);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A new empty file under {@code artifacts/} for the caller to fill and hand to
     * {@link #addRelease(Release, Path)}; its name starts with a dot and ends in {@code .part}, so no
     * reader mistakes it for an archive. It is created owner-only; {@link #addRelease(Release, Path)}
     * gives it the registry's shared mode as it moves it into place. If it is not used, {@link #close}
     * deletes it, and so does the JVM's exit when the process is interrupted first (Ctrl-C); one left
     * by a harder death is deleted by the next editor to open the registry.
     */
    public Path newTempFile() {
        try {
            Path file = PartFiles.create(root.resolve(ARTIFACTS_DIR));
            parts.add(file);
            return file;
        } catch (IOException e) {
            throw RegistryLock.unwritable(root, e);
        }
    }

    /**
     * Sets the yanked flag of one release and rewrites its index file; the artifact stays, so a
     * lockfile that pins the release still installs.
     *
     * @return the release as it is now
     * @throws CocoatlyException {@code package-not-found} or {@code version-not-found}
     */
    public Release yank(PackageName name, Version version, boolean yanked) {
        PackageListing listing = listing(name).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "package-not-found",
                "no package `" + name + "` in registry `" + this.name + "`",
                List.of("package names are the files in `" + root.resolve(FileRegistry.INDEX_DIR) + "`")));
        Release old = find(name, version).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "version-not-found",
                "`" + name + "` has no version `" + version + "` in registry `" + this.name + "`",
                List.of("published versions: " + String.join(", ",
                        listing.releases().stream().map(r -> r.version().toString()).toList()))));
        Release now = new Release(old.id(), old.dependencies(), yanked, old.artifact());
        List<Release> releases = new ArrayList<>(listing.releases());
        releases.replaceAll(r -> r.id().equals(old.id()) ? now : r);
        writeIndex(new PackageListing(name, releases));
        return now;
    }

    /** Deletes the part files of {@link #newTempFile} still there, then releases the registry's lock. */
    @Override
    public void close() {
        parts.forEach(PartFiles::delete);
        parts.clear();
        lock.close();
    }

    private Optional<Release> find(PackageName name, Version version) {
        // Version equality ignores build metadata, so `1.0.0+mac` finds `1.0.0+linux`.
        return listing(name).flatMap(l -> l.releases().stream().filter(r -> r.version().equals(version)).findFirst());
    }

    private void writeIndex(PackageListing listing) {
        try {
            Path file = indexFile(listing.name());
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, IndexWriter.index(listing), FileModes.shared());
        } catch (IOException e) {
            throw RegistryLock.unwritable(root, e);
        }
    }

    private static void writeNames(Path root, List<PackageName> names) throws IOException {
        AtomicFiles.write(root.resolve(NamesFile.FILE), NamesFile.write(names), FileModes.shared());
    }

    private Path indexFile(PackageName name) {
        return root.resolve(FileRegistry.INDEX_DIR).resolve(name.value() + ".json");
    }
}
