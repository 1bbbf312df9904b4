package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.solver.Resolution;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.solver.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry.json}'s {@code artifact_url} reaches the lockfile: a relative artifact URL goes
 * through the template where the index is read, and what comes out resolves against the registry's
 * location where every relative artifact URL does, so {@code lock --check} agrees with {@code lock}.
 */
class ArtifactTemplateTest {

    private static final String ENTRY = "{\"name\": \"lib\", \"versions\": [{\"version\": \"1.0.0+linux\", \"artifact\": {\"url\":"
            + " \"artifacts/lib/lib-1.0.0+linux.tar.gz\", \"size\": 3, \"checksums\": {\"sha256\": \"" + "a".repeat(64) + "\"}}}]}";
    private static final Manifest APP = new Manifest(PackageName.of("app"), Version.parse("1.0.0"),
            List.of(Dependency.parse("lib", "^1")));

    @TempDir
    Path dir;

    private Lockfile lock(String template) throws IOException {
        Files.createDirectories(dir.resolve("reg/index"));
        Files.writeString(dir.resolve("reg/registry.json"), "{\"format\": 1, \"name\": \"t\", \"artifact_url\": \"" + template + "\"}");
        Files.writeString(dir.resolve("reg/index/lib.json"), ENTRY);
        FileRegistry registry = FileRegistry.open(dir.resolve("reg"));
        Resolution.Solved solved = (Resolution.Solved) new Resolver(registry).resolve(ResolveRequest.of(APP));
        Lockfile lockfile = LockfileFactory.build(APP, solved, registry, registry.location(), VersionPolicy.ONE_PER_PACKAGE);
        assertEquals(List.of(), LockCheck.run(lockfile, APP, registry, Optional.empty()), "lock --check agrees");
        return lockfile;
    }

    @Test
    void anAbsoluteTemplateIsWhereTheArtifactIs() throws IOException {
        Lockfile lockfile = lock("https://cdn.example/t/{name}/{name}-{version}.tar.gz");
        assertEquals("https://cdn.example/t/lib/lib-1.0.0+linux.tar.gz", lockfile.packages().get(0).artifact().orElseThrow().url());
    }

    @Test
    void aRelativeTemplateResolvesAgainstTheRegistry() throws IOException {
        Lockfile lockfile = lock("../files/{name}-{version}.tgz");
        assertEquals(dir.resolve("files/lib-1.0.0+linux.tgz").toUri().toString(),
                lockfile.packages().get(0).artifact().orElseThrow().url());
    }
}
