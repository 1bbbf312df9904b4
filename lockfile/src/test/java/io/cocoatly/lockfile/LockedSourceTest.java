package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.Artifact;
import io.cocoatly.model.VersionPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sources: how a registry location becomes a source URL, and artifact URLs become absolute. */
class LockedSourceTest {

    private static final Artifact RELATIVE = new Artifact("artifacts/http/http-2.0.1.tar.gz", 7,
            Map.of("sha256", "ab".repeat(32)), Optional.empty());

    private static Artifact at(String url) {
        return new Artifact(url, RELATIVE.size(), RELATIVE.checksums(), RELATIVE.signature());
    }

    @Test
    void aDirectoryLocationIsWrittenAsPathToUriWritesIt() {
        LockedSource source = LockedSource.of("sample", URI.create("file:/srv/my%20registry"));
        assertEquals(URI.create("file:///srv/my%20registry/"), source.url());
        assertEquals(Path.of("/srv/my registry").toUri().toString() + "/", source.url().toString());
        assertEquals("file:///srv/my%20registry/artifacts/http/http-2.0.1.tar.gz", source.locate(RELATIVE).url());
    }

    @Test
    void relativeArtifactUrlsResolveInsideTheRegistryRootAndAbsoluteOnesAreKept() {
        LockedSource source = LockedSource.of("sample", URI.create("https://host:8443/cocoatly"));
        assertEquals("https://host:8443/cocoatly/artifacts/http/http-2.0.1.tar.gz", source.locate(RELATIVE).url());
        assertEquals("https://cdn.example/a.tar.gz", source.locate(at("https://cdn.example/a.tar.gz")).url());
        assertEquals("https://host:8443/shared/a.tar.gz", source.locate(at("../shared/a.tar.gz")).url());
        assertEquals(RELATIVE.checksums(), source.locate(RELATIVE).checksums());
    }

    @Test
    void anArtifactUrlThatIsNoUrlOrCannotBeFetchedCannotBeLocated() {
        LockedSource source = LockedSource.of("sample", URI.create("https://host/r/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.locate(at("a b.tar.gz")));
        assertEquals("not a valid URL: `a b.tar.gz`: Illegal character in path", e.getMessage());
        assertEquals("expected an absolute http, https or file URL (format 2 records where each artifact is):"
                + " `ftp://mirror.example/a.tar.gz`", assertThrows(IllegalArgumentException.class,
                () -> source.locate(at("ftp://mirror.example/a.tar.gz"))).getMessage());
    }

    @Test
    void sourcesNeedANameAndARegistryRootUrl() {
        assertEquals("a source needs a name", assertThrows(IllegalArgumentException.class,
                () -> new LockedSource("", URI.create("https://host/r/"))).getMessage());
        assertEquals("source `s`: a source URL names a directory and ends with `/`: `https://host/r`",
                assertThrows(IllegalArgumentException.class, () -> new LockedSource("s", URI.create("https://host/r")))
                        .getMessage());
        assertEquals("source `s`: expected an absolute http, https or file URL: `registry/`",
                assertThrows(IllegalArgumentException.class, () -> new LockedSource("s", URI.create("registry/")))
                        .getMessage());
    }

    @Test
    void theConstructorKeepsFormatsApart() {
        ResolverInfo resolver = new ResolverInfo(true, List.of(), VersionPolicy.ONE_PER_PACKAGE);
        assertEquals("unknown lockfile format: 3", assertThrows(IllegalArgumentException.class,
                () -> new Lockfile(3, Samples.manifest(), resolver, List.of(), List.of(), List.of())).getMessage());
        assertEquals("$.sources: format 1 has no sources", assertThrows(IllegalArgumentException.class,
                () -> new Lockfile(1, Samples.manifest(), resolver, List.of(Samples.SAMPLE), List.of(), List.of()))
                .getMessage());
        assertEquals("$.packages[0].artifact.url: expected an absolute http, https or file URL (format 2 records where"
                + " each artifact is): `artifacts/tls-2.1.0.tar.gz`", assertThrows(IllegalArgumentException.class,
                () -> Lockfile.of(Samples.manifest(), resolver, List.of(Samples.SAMPLE),
                        List.of(Samples.format1Pkg("tls@2.1.0", true)), List.of(Samples.ids("tls@2.1.0"))))
                .getMessage());
    }
}
