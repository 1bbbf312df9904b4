package io.cocoatly.testkit;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Signatures;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.RegistryEditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registry built for a test or a benchmark: real package trees packed with {@link ArchivePacker},
 * real digests, real Ed25519 signatures, and lockfiles over them. Each package is one artifact,
 * {@code artifacts/<name>-<version>.tar.gz} below {@link #root()}, and a {@link LockedPackage} that
 * points at it.
 *
 * <p>A registry made with the constructor holds artifacts only, for tests that hand the installer a
 * lockfile. One made with {@link #indexed} is also a registry directory the CLI can resolve from:
 * {@code registry.json} and an {@code index/} file per package, written by the registry module's
 * own {@link RegistryEditor}.
 *
 * <p>Dependencies are given as ids, {@code "b@1.0.0"}: the lockfile records that version, and the
 * index requires {@code ^1.0.0} of it. Not for use by several threads at once.
 */
public final class TestRegistry {

    /** The source name of the packages of a registry without an index. */
    public static final String SOURCE = "test";

    private final Path root;
    private final Ed25519SigningKey key;
    private final Set<DigestAlgorithm> digests;
    private final Optional<String> indexName;
    private final Map<PackageId, LockedPackage> packages = new LinkedHashMap<>();

    private TestRegistry(Path root, Ed25519SigningKey key, Set<DigestAlgorithm> digests, Optional<String> indexName) {
        this.root = root;
        this.key = key;
        this.digests = Set.copyOf(digests);
        this.indexName = indexName;
    }

    /** Artifacts only, under {@code root}, signed with {@code key}, with SHA-256 and BLAKE3 digests. */
    public TestRegistry(Path root, Ed25519SigningKey key) {
        this(root, key, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3));
    }

    /**
     * Artifacts only, with exactly these digests (the install benchmark lists SHA-256 alone, as most
     * registries do, so that it measures what they cost).
     */
    public TestRegistry(Path root, Ed25519SigningKey key, Set<DigestAlgorithm> digests) {
        this(root, key, digests, Optional.empty());
    }

    /**
     * A new, empty registry directory named {@code name} in {@code root}; every package added is also
     * published to its index, with {@code name} as its source.
     *
     * @throws io.cocoatly.model.CocoatlyException {@code registry-exists} if {@code root} already is one
     */
    public static TestRegistry indexed(Path root, Ed25519SigningKey key, String name) {
        RegistryEditor.init(root, name);
        return new TestRegistry(root, key, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3), Optional.of(name));
    }

    /** A new signing key, its two files written under {@code dir}. */
    public static Ed25519SigningKey newKey(Path dir) {
        return Ed25519SigningKey.read(Ed25519Keys.generate(dir).privateKeyFile());
    }

    /** The registry's directory: a registry URL once served, e.g. by {@link FileServer}. */
    public Path root() {
        return root;
    }

    /** The key every artifact is signed with; trust its public half to install them. */
    public Ed25519SigningKey key() {
        return key;
    }

    /**
     * Writes {@code files} (relative path to text) into {@code src/<name>-<version>/} below the root,
     * then adds that tree as {@link #addTree} does.
     */
    public LockedPackage add(String name, String version, Map<String, String> files, String... deps) {
        Path tree = root.resolve("src").resolve(name + "-" + version);
        try {
            Files.createDirectories(tree);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = tree.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return addTree(name, version, tree, deps);
    }

    /** A package of two files, {@code <name>.txt} saying who it is and {@code lib/<name>.so}. */
    public LockedPackage add(String name, String version, String... deps) {
        return add(name, version, Map.of(name + ".txt", name + " " + version + "\n", "lib/" + name + ".so",
                "binary of " + name + "@" + version), deps);
    }

    /**
     * Packs the directory {@code tree} as {@code name@version}, digests and signs the archive, and
     * records the package (publishing it to the index if the registry has one).
     *
     * @param deps the ids this package depends on, e.g. {@code "b@1.0.0"}
     * @return the package as a lockfile lists it
     */
    public LockedPackage addTree(String name, String version, Path tree, String... deps) {
        PackageId id = PackageId.of(name, version);
        try {
            String relative = "artifacts/" + name + "-" + version + ".tar.gz";
            Path archive = root.resolve(relative);
            Files.createDirectories(archive.getParent());
            ArchivePacker.pack(tree, archive);
            Checksums sums = Checksums.of(archive, digests);
            Artifact.Signature signature = Signatures.sign(key, id, sums.get(DigestAlgorithm.SHA256).get());
            Artifact artifact = new Artifact(relative, Files.size(archive), sums.toMap(), Optional.of(signature));
            List<PackageId> dependencies = new ArrayList<>();
            for (String d : deps) {
                dependencies.add(parse(d));
            }
            LockedPackage locked = new LockedPackage(id, indexName.orElse(SOURCE), Optional.of(artifact), dependencies);
            indexName.ifPresent(n -> publish(locked));
            packages.put(id, locked);
            return locked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void publish(LockedPackage p) {
        List<Dependency> requirements = p.dependencies().stream()
                .map(d -> Dependency.parse(d.name().value(), "^" + d.version())).toList();
        try (RegistryEditor editor = RegistryEditor.open(root)) {
            editor.addRelease(new Release(p.id(), requirements, false, p.artifact()));
        }
    }

    /**
     * The package added as {@code id}, e.g. {@code "a@1.0.0"}.
     *
     * @throws IllegalArgumentException if none was
     */
    public LockedPackage get(String id) {
        LockedPackage p = packages.get(parse(id));
        if (p == null) {
            throw new IllegalArgumentException("no package " + id + " was added to " + root);
        }
        return p;
    }

    /** Flips one byte of an artifact after it was locked (a compromised mirror): same size, other bytes. */
    public void tamper(String id) {
        LockedPackage p = get(id);
        try {
            Path file = root.resolve(p.artifact().get().url());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x20;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A format-1 lockfile of exactly these added packages (by id), in install order (dependencies
     * first), artifact URLs relative to this registry.
     */
    public Lockfile lockfile(String... ids) {
        List<LockedPackage> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(get(id));
        }
        return lockfile(chosen);
    }

    /**
     * A lockfile of a project {@code demo 0.1.0} that installs exactly {@code chosen}, one package per
     * install step, each after its dependencies and otherwise in the given order.
     *
     * @throws IllegalArgumentException if a dependency is not among {@code chosen}, or they form a cycle
     */
    public static Lockfile lockfile(List<LockedPackage> chosen) {
        List<List<PackageId>> order = new ArrayList<>();
        Set<PackageId> done = new HashSet<>();
        while (done.size() < chosen.size()) {
            int before = done.size();
            for (LockedPackage p : chosen) {
                if (!done.contains(p.id()) && done.containsAll(p.dependencies())) {
                    done.add(p.id());
                    order.add(List.of(p.id()));
                }
            }
            if (done.size() == before) {
                throw new IllegalArgumentException("no install order: a dependency is missing or in a cycle among "
                        + chosen.stream().map(LockedPackage::id).filter(id -> !done.contains(id)).toList());
            }
        }
        return Lockfile.format1(new ManifestInfo(PackageName.of("demo"), Version.parse("0.1.0"),
                "sha256:" + "0".repeat(64)), new ResolverInfo(true, List.of(), VersionPolicy.ONE_PER_PACKAGE),
                chosen, order);
    }

    /**
     * Reads {@code name@version}.
     *
     * @throws IllegalArgumentException if there is no {@code @}
     */
    public static PackageId parse(String id) {
        int at = id.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected NAME@VERSION, found `" + id + "`");
        }
        return PackageId.of(id.substring(0, at), id.substring(at + 1));
    }
}
