package io.cocoatly.lockfile;

import io.cocoatly.lockfile.ResolverInfo.Objective;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random consistent lockfiles: packages are dealt into install groups first, each package only
 * depends on packages of its own group or earlier ones, and the members of a group of several
 * depend on each other in a ring, so every generated lockfile is valid by construction.
 */
final class RandomLockfiles {

    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-";

    // Names and URLs that need escaping or are not ASCII, so the writer's bytes are really tested.
    private static final List<LockedSource> SOURCES = List.of(
            new LockedSource("sample", URI.create("https://r.example/x/")),
            new LockedSource("m\u00efrror \"b\"", URI.create("file:///srv/f\u00e9e/registry/")));

    private RandomLockfiles() {
    }

    static Arbitrary<Lockfile> lockfiles() {
        return Arbitraries.randomValue(RandomLockfiles::lockfile);
    }

    static Lockfile lockfile(Random random) {
        boolean format2 = random.nextInt(4) != 0;
        int count = random.nextInt(14);
        Set<PackageName> names = new LinkedHashSet<>();
        while (names.size() < count) {
            names.add(name(random));
        }
        List<PackageId> ids = new ArrayList<>();
        for (PackageName name : names) {
            ids.add(new PackageId(name, version(random)));
        }
        List<List<PackageId>> groups = new ArrayList<>();
        for (PackageId id : ids) {
            if (groups.isEmpty() || random.nextInt(3) == 0) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(id);
        }
        List<LockedPackage> packages = new ArrayList<>();
        List<PackageId> available = new ArrayList<>();
        for (List<PackageId> group : groups) {
            available.addAll(group);
            for (int k = 0; k < group.size(); k++) {
                PackageId id = group.get(k);
                List<PackageId> dependencies = new ArrayList<>();
                if (group.size() > 1) {
                    // A group of several must be a cycle: each member depends on the next.
                    dependencies.add(group.get((k + 1) % group.size()));
                }
                for (PackageId candidate : available) {
                    if (random.nextInt(4) == 0 && !dependencies.contains(candidate)) {
                        dependencies.add(candidate);
                    }
                }
                packages.add(format2 ? format2Package(random, id, dependencies) : format1Package(random, id, dependencies));
            }
        }
        Collections.shuffle(packages, random);
        List<Objective> objective = new ArrayList<>();
        for (String level : List.of("preferred-changes", "direct-rank", "transitive-rank", "packages")) {
            if (random.nextBoolean()) {
                objective.add(new Objective(level, random.nextInt(1000) - 10));
            }
        }
        ManifestInfo manifest = new ManifestInfo(name(random), version(random),
                "sha256:" + HexFormat.of().formatHex(bytes(random, 32)));
        ResolverInfo resolver = new ResolverInfo(random.nextBoolean(), objective, VersionPolicy.ONE_PER_PACKAGE);
        return format2 ? Lockfile.of(manifest, resolver, SOURCES, packages, groups)
                : Lockfile.format1(manifest, resolver, packages, groups);
    }

    // Format 2: one of the sources by name, the artifact URL resolved against it.
    private static LockedPackage format2Package(Random random, PackageId id, List<PackageId> dependencies) {
        LockedSource source = SOURCES.get(random.nextInt(SOURCES.size()));
        Optional<Artifact> artifact = random.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(source.locate(artifact(random, "artifacts/f\u00e9e-" + random.nextInt(1000) + ".tar.gz")));
        return new LockedPackage(id, source.name(), artifact, dependencies);
    }

    // Format 1: any source text, and any artifact URL, even one that is no valid URI.
    private static LockedPackage format1Package(Random random, PackageId id, List<PackageId> dependencies) {
        Optional<Artifact> artifact = random.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(artifact(random, "artifacts/f\u00e9e " + random.nextInt(1000) + ".tar.gz"));
        return new LockedPackage(id, random.nextBoolean() ? "sample" : "https://r.example/x?y=\"z\"", artifact, dependencies);
    }

    static PackageName name(Random random) {
        StringBuilder s = new StringBuilder().append(NAME_CHARS.charAt(random.nextInt(36)));
        int length = random.nextInt(10);
        for (int i = 0; i < length; i++) {
            s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return PackageName.of(s.toString());
    }

    static Version version(Random random) {
        List<String> prerelease = random.nextInt(4) == 0 ? List.of("rc", Integer.toString(random.nextInt(5))) : List.of();
        List<String> build = random.nextInt(6) == 0 ? List.of("b" + random.nextInt(100)) : List.of();
        return Version.of(random.nextInt(4), random.nextInt(12), random.nextInt(30), prerelease, build);
    }

    private static Artifact artifact(Random random, String url) {
        Optional<Artifact.Signature> signature = random.nextBoolean()
                ? Optional.of(new Artifact.Signature("key-" + random.nextInt(99), Base64.getEncoder().encodeToString(bytes(random, 64))))
                : Optional.empty();
        Map<String, String> checksums = random.nextBoolean()
                ? Map.of("sha256", hex(random, 32))
                : Map.of("sha256", hex(random, 32), "blake3", hex(random, 32), "sha512", hex(random, 64));
        return new Artifact(url, random.nextInt(Integer.MAX_VALUE), checksums, signature);
    }

    private static String hex(Random random, int n) {
        return HexFormat.of().formatHex(bytes(random, n));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
