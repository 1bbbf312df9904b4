package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileReader;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Laws of {@code lock} and {@code update} on random small registries: locking is idempotent and
 * independent of the registry's order, its result passes {@code lock --check}, {@code update} of
 * everything equals locking from scratch, and updating one package never moves it down.
 */
class RelockPropertyTest {

    private static final String[] NAMES = {"a", "b", "c", "d", "e"};
    private static final URI LOCATION = URI.create("https://registry.example/random/");
    private static final String[] VERSIONS = {"0.1.0", "0.2.0", "1.0.0", "1.1.0", "2.0.0"};
    private static final String[] RANGES = {"*", "^1", "^0.1", ">=0.2", "^1.1", "^2", "<1.1.0"};
    private static final String[] ROOT_RANGES = {"*", ">=0.2", "^1"};

    @Property(tries = 150)
    void lockingIsIdempotentCheckedAndOrderIndependent(@ForAll long seed, @ForAll boolean semverMajor) {
        Random random = new Random(seed);
        List<Release> releases = releases(random);
        Manifest manifest = manifest(random);
        VersionPolicy policy = semverMajor ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE;
        InMemoryIndex index = new InMemoryIndex("random", releases);
        Optional<Lockfile> first = lock(index, manifest, policy, Optional.empty());
        Statistics.collect(first.isEmpty() ? "unsatisfiable" : first.get().packages().size() > 1 ? "several" : "few");
        Statistics.coverage(c -> c.check("several").percentage(p -> p > 30));
        if (first.isEmpty()) {
            return;
        }
        Lockfile lockfile = first.get();
        byte[] bytes = LockfileWriter.toBytes(lockfile);
        assertEquals(lockfile, LockfileReader.parse(bytes, "random"), "the reader accepts what is written");
        assertEquals(List.of(), LockCheck.run(lockfile, manifest, index, Optional.of(policy)));
        assertArrayEquals(bytes, LockfileWriter.toBytes(lock(index, manifest, policy, first).orElseThrow()),
                "locking again changes nothing");

        List<Release> shuffled = new ArrayList<>(releases);
        Collections.shuffle(shuffled, random);
        InMemoryIndex reordered = new InMemoryIndex("random", shuffled);
        assertArrayEquals(bytes, LockfileWriter.toBytes(lock(reordered, manifest, policy, Optional.empty()).orElseThrow()));

        Relock relock = new Relock(index, LOCATION, manifest, policy, Optional.empty());
        assertArrayEquals(bytes, LockfileWriter.toBytes(relock.update(first, Set.of()).lockfile()),
                "updating everything from a fresh lockfile changes nothing");
    }

    @Property(tries = 150)
    void updatingOnePackageNeverMovesItDown(@ForAll long seed) {
        Random random = new Random(seed);
        List<Release> old = releases(random);
        Manifest manifest = manifest(random);
        Optional<Lockfile> locked = lock(new InMemoryIndex("random", old), manifest, VersionPolicy.ONE_PER_PACKAGE,
                Optional.empty());
        if (locked.isEmpty() || locked.get().packages().isEmpty()) {
            return;
        }
        // Newer releases appear; then one locked package is updated.
        List<Release> now = new ArrayList<>(old);
        for (Release r : releases(random)) {
            if (now.stream().noneMatch(o -> o.id().equals(r.id()))) {
                now.add(r);
            }
        }
        InMemoryIndex index = new InMemoryIndex("random", now);
        LockedPackage target = locked.get().packages().get(random.nextInt(locked.get().packages().size()));
        Lockfile after;
        try {
            after = new Relock(index, LOCATION, manifest, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                    .update(locked, Set.of(target.name())).lockfile();
        } catch (CocoatlyException e) {
            assertNoSelection(e, manifest, index);
            return;
        }
        Optional<PackageId> moved = after.ids().stream().filter(id -> id.name().equals(target.name())).findFirst();
        moved.ifPresent(id -> assertFalse(id.version().isLowerThan(target.version()), target.id() + " -> " + id));
        assertEquals(List.of(), LockCheck.run(after, manifest, index, Optional.empty()));
        assertTrue(after.resolver().optimal());
    }

    private static Optional<Lockfile> lock(InMemoryIndex index, Manifest manifest, VersionPolicy policy,
            Optional<Lockfile> previous) {
        try {
            return Optional.of(new Relock(index, LOCATION, manifest, policy, Optional.empty()).lock(previous).lockfile());
        } catch (CocoatlyException e) {
            assertNoSelection(e, manifest, index);
            return Optional.empty();
        }
    }

    // No lockfile: either no selection exists, or the manifest names a package the registry lacks,
    // which is refused before solving (KnownPackages).
    private static void assertNoSelection(CocoatlyException e, Manifest manifest, InMemoryIndex index) {
        if (e.code().equals("unknown-package")) {
            assertTrue(manifest.dependencies().stream().anyMatch(d -> index.find(d.name()).isEmpty()), e.getMessage());
        } else {
            assertEquals("unsatisfiable", e.code(), e.getMessage());
        }
    }

    private static List<Release> releases(Random random) {
        Map<PackageId, Release> releases = new TreeMap<>();
        for (String name : NAMES) {
            for (String version : VERSIONS) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                List<Dependency> deps = new ArrayList<>();
                for (String other : NAMES) {
                    if (!other.equals(name) && random.nextInt(5) == 0) {
                        deps.add(Dependency.parse(other, RANGES[random.nextInt(RANGES.length)]));
                    }
                }
                PackageId id = PackageId.of(name, version);
                releases.put(id, new Release(id, deps, random.nextInt(8) == 0, Optional.empty()));
            }
        }
        return new ArrayList<>(releases.values());
    }

    private static Manifest manifest(Random random) {
        List<Dependency> deps = new ArrayList<>();
        for (String name : NAMES) {
            if (random.nextInt(3) == 0) {
                deps.add(Dependency.parse(name, ROOT_RANGES[random.nextInt(ROOT_RANGES.length)]));
            }
        }
        return new Manifest(PackageName.of("app"), io.cocoatly.model.Version.parse("1.0.0"), deps);
    }
}
