package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the check does not question (format, location) and the refusal both commands share. */
class LockCheckTest {

    private static final Artifact LIB = new Artifact("artifacts/lib-1.0.0.tar.gz", 42, Map.of("sha256", "ab".repeat(32)),
            Optional.empty());
    private static final InMemoryIndex INDEX = new InMemoryIndex("tiny", List.of(
            new Release(PackageId.of("lib", "1.0.0"), List.of(Dependency.parse("util", "^1")), false, Optional.of(LIB)),
            new Release(PackageId.of("util", "1.0.0"), List.of(), false, Optional.empty())));
    private static final Manifest APP = new Manifest(PackageName.of("app"), Version.parse("1.0.0"),
            List.of(Dependency.parse("lib", "^1")));

    private static Lockfile lock(String location) {
        return new Relock(INDEX, URI.create(location), APP, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
    }

    private static Lockfile withPackages(Lockfile l, List<LockedPackage> packages) {
        return new Lockfile(l.format(), l.manifest(), l.resolver(), l.sources(), packages, l.installOrder());
    }

    @Test
    void aRegistryThatMovedIsStillTheSameRegistry() {
        Lockfile lockfile = lock("file:///home/dev/app/registry/");
        assertEquals("file:///home/dev/app/registry/artifacts/lib-1.0.0.tar.gz",
                lockfile.packages().get(0).artifact().orElseThrow().url());
        assertEquals(List.of(), LockCheck.run(lockfile, APP, INDEX, Optional.empty()));
    }

    @Test
    void aFormat1LockfileThatIsOtherwiseCurrentPasses() {
        Lockfile current = lock("https://registry.example/tiny/");
        List<LockedPackage> relative = current.packages().stream().map(p -> new LockedPackage(p.id(), p.source(),
                LockfileFactory.release(INDEX, p.id()).orElseThrow().artifact(), p.dependencies())).toList();
        Lockfile old = Lockfile.format1(current.manifest(), current.resolver(), relative, current.installOrder());
        assertEquals(List.of(), LockCheck.run(old, APP, INDEX, Optional.empty()));
    }

    @Test
    void anArtifactUrlEditedByHandIsAChangedUrl() {
        Lockfile lockfile = lock("https://registry.example/tiny/");
        LockedPackage lib = lockfile.packages().get(0);
        Artifact moved = new Artifact("https://elsewhere.example/lib.tar.gz", LIB.size(), LIB.checksums(), LIB.signature());
        Lockfile edited = withPackages(lockfile, List.of(new LockedPackage(lib.id(), lib.source(), Optional.of(moved),
                lib.dependencies()), lockfile.packages().get(1)));
        assertEquals(List.of(new LockCheck.Problem("artifact-changed", Optional.of(lib.id()),
                "the artifact of `lib@1.0.0` differs from the registry's (URL changed)")),
                LockCheck.run(edited, APP, INDEX, Optional.empty()));
    }

    @Test
    void requireRefusesWithEveryProblemAndPassesAValidLockfile() {
        Lockfile lockfile = lock("https://registry.example/tiny/");
        LockCheck.require(lockfile, APP, INDEX, Optional.empty(), "cocoatly-lock.json");
        LockfileOutOfDateException e = assertThrows(LockfileOutOfDateException.class, () -> LockCheck.require(lockfile,
                APP, INDEX, Optional.of(VersionPolicy.SEMVER_MAJOR), "app/cocoatly-lock.json"));
        assertEquals("lockfile-out-of-date", e.code());
        assertEquals("`app/cocoatly-lock.json` is out of date: 1 problem", e.getMessage());
        assertEquals(List.of("run `cocoatly lock` to update the lockfile"), e.hints());
        assertEquals(List.of(new LockCheck.Problem("policy-changed", Optional.empty(),
                "the lockfile was resolved with `--multiple-versions=one`, not `semver-major`")), e.problems());
    }
}
