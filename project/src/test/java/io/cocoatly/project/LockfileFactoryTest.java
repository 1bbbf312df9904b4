package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockedSource;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockfileFactoryTest {

    private static final Artifact ARTIFACT = new Artifact("artifacts/lib-1.0.0.tar.gz", 42,
            Map.of("sha256", "ab".repeat(32)), Optional.of(new Artifact.Signature("key-1", "c2ln")));

    @Test
    void copiesArtifactsSourceObjectiveAndLeavesTheProjectOutOfTheGraph() {
        InMemoryIndex index = new InMemoryIndex("tiny", List.of(
                new Release(PackageId.of("lib", "1.0.0"), List.of(Dependency.parse("app", "^1"),
                        Dependency.parse("util", "^1")), false, Optional.of(ARTIFACT)),
                new Release(PackageId.of("util", "1.0.0"), List.of(Dependency.parse("lib", "^1")), false, Optional.empty()),
                new Release(PackageId.of("util", "1.1.0"), List.of(), true, Optional.empty())));
        Manifest app = new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(Dependency.parse("lib", "^1")));
        Resolution.Solved solved = (Resolution.Solved) new Resolver(index).resolve(ResolveRequest.of(app));

        Lockfile lockfile = LockfileFactory.build(app, solved, index, URI.create("file:/srv/tiny"),
                VersionPolicy.ONE_PER_PACKAGE);

        assertEquals(Lockfile.FORMAT, lockfile.format());
        assertEquals(List.of(new LockedSource("tiny", URI.create("file:///srv/tiny/"))), lockfile.sources());
        LockedPackage lib = lockfile.packages().get(0);
        assertEquals(PackageId.of("lib", "1.0.0"), lib.id());
        assertEquals("tiny", lib.source());
        assertEquals(Optional.of(new Artifact("file:///srv/tiny/artifacts/lib-1.0.0.tar.gz", ARTIFACT.size(),
                ARTIFACT.checksums(), ARTIFACT.signature())), lib.artifact(), "the URL resolved against the source");
        assertEquals(List.of(PackageId.of("util", "1.0.0")), lib.dependencies(), "no edge to the project itself");
        assertEquals(Optional.empty(), lockfile.packages().get(1).artifact());
        assertEquals(List.of(List.of(PackageId.of("lib", "1.0.0"), PackageId.of("util", "1.0.0"))), lockfile.installOrder());
        assertEquals(lockfile.installOrder(), lockfile.cycles());
        assertEquals(RequirementsDigest.of(app), lockfile.manifest().requirementsDigest());
        assertEquals(List.of("preferred-changes", "direct-rank", "transitive-rank", "packages"),
                lockfile.resolver().objective().stream().map(ResolverInfo.Objective::level).toList());
        assertEquals(solved.objective(), lockfile.resolver().objective().stream().map(ResolverInfo.Objective::value).toList());
        assertTrue(lockfile.resolver().optimal());
        assertEquals(VersionPolicy.ONE_PER_PACKAGE, lockfile.resolver().multipleVersions());
    }

    @Test
    void anArtifactUrlThatIsNoUrlIsARegistryError() {
        Artifact broken = new Artifact("artifacts/lib 1.0.0.tar.gz", 42, ARTIFACT.checksums(), Optional.empty());
        InMemoryIndex index = new InMemoryIndex("tiny", List.of(
                new Release(PackageId.of("lib", "1.0.0"), List.of(), false, Optional.of(broken))));
        Manifest app = new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(Dependency.parse("lib", "^1")));
        Resolution.Solved solved = (Resolution.Solved) new Resolver(index).resolve(ResolveRequest.of(app));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> LockfileFactory.build(app, solved, index,
                URI.create("file:///srv/tiny/"), VersionPolicy.ONE_PER_PACKAGE));
        assertEquals("invalid-registry", e.code());
        assertEquals("`lib@1.0.0` in registry `tiny`: bad artifact URL: not a valid URL: `artifacts/lib 1.0.0.tar.gz`:"
                + " Illegal character in path", e.getMessage());
    }
}
