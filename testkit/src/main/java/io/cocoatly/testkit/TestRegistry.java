package io.cocoatly.testkit;

import io.cocoatly.artifact.Signatures;
import io.cocoatly.artifact.Ed25519SigningKey;
import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.artifact.Checksums;
import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
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
 * A registry directory built for a test: real package trees packed with {@link ArchivePacker},
 * real digests, real Ed25519 signatures, and lockfiles over them.
 */
public final class TestRegistry {

    public static final String SOURCE = "test";

    private final Path root;
    private final Ed25519SigningKey key;
    private final Map<PackageId, LockedPackage> packages = new LinkedHashMap<>();

    public TestRegistry(Path root, Ed25519SigningKey key) {
        this.root = root;
        this.key = key;
    }

    /** A new signing key written under {@code dir}. */
    public static Ed25519SigningKey newKey(Path dir) {
        return Ed25519SigningKey.read(Ed25519Keys.generate(dir).privateKeyFile());
    }

    public Path root() {
        return root;
    }

    public Ed25519SigningKey key() {
        return key;
    }

    /** Packs {@code files} (path -> text) as {@code name@version}, signed, depending on {@code deps}. */
    public LockedPackage add(String name, String version, Map<String, String> files, String... deps) {
        PackageId id = PackageId.of(name, version);
        try {
            Path tree = root.resolve("src").resolve(name + "-" + version);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = tree.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            Files.createDirectories(tree);
            String relative = "artifacts/" + name + "-" + version + ".tar.gz";
            Path archive = root.resolve(relative);
            Files.createDirectories(archive.getParent());
            ArchivePacker.pack(tree, archive);
            Checksums sums = Checksums.of(archive, EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3));
            Artifact.Signature signature = Signatures.sign(key, id, sums.get(DigestAlgorithm.SHA256).get());
            Artifact artifact = new Artifact(relative, Files.size(archive), sums.toMap(), Optional.of(signature));
            List<PackageId> dependencies = new ArrayList<>();
            for (String d : deps) {
                dependencies.add(parse(d));
            }
            LockedPackage locked = new LockedPackage(id, SOURCE, Optional.of(artifact), dependencies);
            packages.put(id, locked);
            return locked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A package with one file {@code name.txt} saying who it is. */
    public LockedPackage add(String name, String version, String... deps) {
        return add(name, version, Map.of(name + ".txt", name + " " + version + "\n", "lib/" + name + ".so",
                "binary of " + name + "@" + version), deps);
    }

    public LockedPackage get(String id) {
        return packages.get(parse(id));
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

    /** A format-1 lockfile of exactly these packages (by id), artifact URLs relative to this registry. */
    public Lockfile lockfile(String... ids) {
        List<LockedPackage> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(get(id));
        }
        return lockfile(chosen);
    }

    public static Lockfile lockfile(List<LockedPackage> chosen) {
        List<List<PackageId>> order = new ArrayList<>();
        Set<PackageId> done = new HashSet<>();
        while (done.size() < chosen.size()) {
            for (LockedPackage p : chosen) {
                if (!done.contains(p.id()) && done.containsAll(p.dependencies())) {
                    done.add(p.id());
                    order.add(List.of(p.id()));
                }
            }
        }
        return Lockfile.format1(new ManifestInfo(PackageName.of("demo"), Version.parse("0.1.0"),
                "sha256:" + "0".repeat(64)), new ResolverInfo(true, List.of(), VersionPolicy.ONE_PER_PACKAGE),
                chosen, order);
    }

    public static PackageId parse(String id) {
        int at = id.lastIndexOf('@');
        return PackageId.of(id.substring(0, at), id.substring(at + 1));
    }
}
