package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.lockfile.ResolverInfo;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.testkit.InMemoryIndex;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.VersionPolicy;
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

        Lockfile lockfile = LockfileFactory.build(app, solved, index, VersionPolicy.ONE_PER_PACKAGE);

        LockedPackage lib = lockfile.packages().get(0);
        assertEquals(PackageId.of("lib", "1.0.0"), lib.id());
        assertEquals("tiny", lib.source());
        assertEquals(Optional.of(ARTIFACT), lib.artifact());
        assertEquals(List.of(PackageId.of("util", "1.0.0")), lib.dependencies(), "no edge to the project itself");
        assertEquals(Optional.empty(), lockfile.packages().get(1).artifact());
        assertEquals(List.of(List.of(PackageId.of("lib", "1.0.0"), PackageId.of("util", "1.0.0"))), lockfile.installOrder());
        assertEquals(lockfile.installOrder(), lockfile.cycles());
        assertEquals(RequirementsDigest.of(app), lockfile.manifest().requirementsDigest());
        assertEquals(List.of("preferred-changes", "direct-rank", "transitive-rank", "packages"),
                lockfile.resolver().objective().stream().map(ResolverInfo.Objective::level).toList());
        assertEquals(solved.objective(), lockfile.resolver().objective().stream().map(ResolverInfo.Objective::value).toList());
        assertTrue(lockfile.resolver().optimal());
        assertEquals(ResolverInfo.MultipleVersions.ONE_PER_PACKAGE, lockfile.resolver().multipleVersions());
    }

    @Test
    void policiesMapBothWays() {
        for (VersionPolicy p : VersionPolicy.values()) {
            assertEquals(p, LockfileFactory.policy(LockfileFactory.multipleVersions(p)));
        }
    }
}
