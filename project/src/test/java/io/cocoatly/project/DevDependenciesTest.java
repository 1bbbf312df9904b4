package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.testkit.InMemoryIndex;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Dev-dependencies are resolved with the rest (one version of a shared package for both), and what
 * only they need is marked dev in the lockfile, so {@code install --production} can leave it out.
 */
class DevDependenciesTest {

    // app needs http (-> tls); its tests need test-kit (-> tls ^1, mock), and tls ^1.1 as a dev-dependency.
    private static final InMemoryIndex INDEX = new InMemoryIndex("tiny", List.of(
            release("http", "1.0.0", "tls ^1"),
            release("tls", "1.0.0"),
            release("tls", "1.1.0"),
            release("tls", "1.2.0"),
            release("test-kit", "2.0.0", "tls ^1", "mock ^0.3"),
            release("mock", "0.3.1")));

    private static Release release(String name, String version, String... dependencies) {
        List<Dependency> deps = java.util.Arrays.stream(dependencies)
                .map(d -> Dependency.parse(d.split(" ")[0], d.split(" ")[1])).toList();
        return new Release(PackageId.of(name, version), deps, false, Optional.empty());
    }

    private static Manifest app(List<Dependency> dev) {
        return new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(Dependency.parse("http", "^1")),
                dev, ManifestMetadata.NONE);
    }

    private static Lockfile lock(Manifest manifest) {
        return new Relock(INDEX, URI.create("file:///srv/tiny/"), manifest, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
    }

    private static List<String> dev(Lockfile lockfile) {
        return lockfile.packages().stream().filter(LockedPackage::dev).map(p -> p.id().toString()).toList();
    }

    @Test
    void whatOnlyDevDependenciesNeedIsMarkedDev() {
        Lockfile lockfile = lock(app(List.of(Dependency.parse("test-kit", "^2"))));
        assertEquals(List.of("http@1.0.0", "mock@0.3.1", "test-kit@2.0.0", "tls@1.2.0"), lockfile.ids().stream()
                .map(PackageId::toString).toList());
        assertEquals(List.of("mock@0.3.1", "test-kit@2.0.0"), dev(lockfile), "tls is needed by http too");
        Lockfile production = lockfile.production();
        assertEquals(List.of("http@1.0.0", "tls@1.2.0"), production.ids().stream().map(PackageId::toString).toList());
        assertEquals(List.of(List.of(PackageId.of("tls", "1.2.0")), List.of(PackageId.of("http", "1.0.0"))),
                production.installOrder());
    }

    @Test
    void aDevRequirementConstrainsTheSharedPackage() {
        Lockfile lockfile = lock(app(List.of(Dependency.parse("tls", "~1.1"))));
        assertEquals(List.of("http@1.0.0", "tls@1.1.0"), lockfile.ids().stream().map(PackageId::toString).toList());
        assertEquals(List.of(), dev(lockfile), "a dev-dependency that production needs as well is not dev");
    }

    @Test
    void withoutDevDependenciesNothingIsMarked() {
        Lockfile lockfile = lock(app(List.of()));
        assertEquals(List.of(), dev(lockfile));
        assertEquals(lockfile, lockfile.production());
    }

    @Test
    void theCheckNoticesAWrongMarkAndAMovedRequirement() {
        Manifest manifest = app(List.of(Dependency.parse("test-kit", "^2")));
        Lockfile lockfile = lock(manifest);
        LockCheck.require(lockfile, manifest, INDEX, Optional.empty(), "cocoatly-lock.json");
        Lockfile unmarked = new Lockfile(lockfile.format(), lockfile.manifest(), lockfile.resolver(), lockfile.sources(),
                lockfile.packages().stream().map(p -> p.withDev(false)).toList(), lockfile.installOrder());
        LockfileOutOfDateException e = assertThrows(LockfileOutOfDateException.class,
                () -> LockCheck.require(unmarked, manifest, INDEX, Optional.empty(), "cocoatly-lock.json"));
        assertEquals(List.of("`mock@0.3.1` is not marked dev, but the manifest's dependencies do not need it",
                "`test-kit@2.0.0` is not marked dev, but the manifest's dependencies do not need it"),
                e.problems().stream().map(LockCheck.Problem::message).toList());
        // The same requirement moved to `dependencies`: the digest differs, so the lockfile is stale.
        Manifest moved = new Manifest(manifest.name(), manifest.version(), manifest.allDependencies());
        assertThrows(LockfileOutOfDateException.class,
                () -> LockCheck.require(lockfile, moved, INDEX, Optional.empty(), "cocoatly-lock.json"));
    }

    @Test
    void anUnknownDevDependencyIsAnUnknownPackage() {
        io.cocoatly.model.CocoatlyException e = assertThrows(io.cocoatly.model.CocoatlyException.class,
                () -> lock(app(List.of(Dependency.parse("mok", "*")))));
        assertEquals("unknown-package", e.code());
        assertEquals("`app@1.0.0` depends on `mok`, which is not in registry `tiny`", e.getMessage());
    }
}
