package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.Workspace;
import io.cocoatly.testkit.InMemoryIndex;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A current lockfile is checked through {@link PackageIndex#release}, the locked releases alone,
 * never through {@link PackageIndex#find}, which reads every version of a package: for a project and
 * for a workspace, whose members are laid over the registry. So a registry that reads one release
 * without the others (a registry directory's index file) does so for {@code lock --check} and
 * {@code install --locked}.
 */
class LockCheckReleaseTest {

    private static final InMemoryIndex INDEX = new InMemoryIndex("tiny", List.of(
            release("lib", "1.0.0", "util ^1"), release("lib", "2.0.0"), release("util", "1.0.0")));
    private static final URI LOCATION = URI.create("file:///srv/registry/");

    private static Release release(String name, String version, String... dependencies) {
        return InMemoryIndex.release(name, version, dependencies);
    }

    /** {@link #INDEX}, whose {@code find} the check must not call, recording what it asks {@code release} for. */
    private static final class ReleasesOnly implements PackageIndex {
        final List<PackageId> asked = new ArrayList<>();

        @Override
        public String name() {
            return INDEX.name();
        }

        @Override
        public Optional<PackageListing> find(PackageName name) {
            throw new AssertionError("find(" + name + "): the check read every version of the package");
        }

        @Override
        public Optional<Release> release(PackageId id) {
            asked.add(id);
            return INDEX.release(id);
        }
    }

    @Test
    void aProjectsCheckAsksForEachLockedReleaseAlone() {
        Manifest app = new Manifest(PackageName.of("app"), Version.parse("1.0.0"), List.of(Dependency.parse("lib", "^1")));
        Lockfile lockfile = new Relock(INDEX, LOCATION, app, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
        ReleasesOnly index = new ReleasesOnly();
        assertEquals(List.of(), LockCheck.run(lockfile, app, index, Optional.empty()));
        assertEquals(lockfile.ids(), index.asked);
    }

    @Test
    void aWorkspacesCheckAsksTheRegistryForEachLockedReleaseAlone() {
        Workspace.Member web = new Workspace.Member("apps/web", new Manifest(PackageName.of("web"), Version.parse("1.0.0"),
                List.of(Dependency.parse("lib", "^1")), List.of(), ManifestMetadata.NONE));
        WorkspaceResolution workspace = new WorkspaceResolution(new Workspace(Path.of("/ws"), Optional.empty(), List.of(web)));
        Lockfile lockfile = new Relock(INDEX, LOCATION, workspace, VersionPolicy.ONE_PER_PACKAGE, Optional.empty())
                .lock(Optional.empty()).lockfile();
        ReleasesOnly index = new ReleasesOnly();
        assertEquals(List.of(), LockCheck.run(lockfile, workspace, index, Optional.empty()));
        assertEquals(lockfile.ids(), index.asked);
    }
}
