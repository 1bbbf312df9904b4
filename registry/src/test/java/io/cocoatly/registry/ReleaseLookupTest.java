package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileRegistry#release}: one release read without the package's other entries. It answers as
 * {@link FileRegistry#find} filtered to the version does, but an unreadable entry of another version
 * is not read, so it is neither left out nor reported; when the entry asked for is missing or itself
 * unreadable, the whole file is read and reported as by {@code find}.
 */
class ReleaseLookupTest {

    private static final Path REPO = Path.of(System.getProperty("cocoatly.repo", ".."));

    /** 1.0.0 reads; 0.9.0's requirement and the string entry do not. */
    private static final String HTTP = "{\"name\": \"http\", \"versions\": ["
            + "{\"version\": \"0.9.0\", \"dependencies\": {\"log\": \">=< 1\"}},"
            + "{\"version\": \"1.0.0\", \"dependencies\": {\"log\": \"^0.4\"}, \"yanked\": true},"
            + "\"1.1.0\"]}";

    @TempDir
    Path dir;

    private static PackageId id(String name, String version) {
        return new PackageId(PackageName.of(name), Version.parse(version));
    }

    @Test
    void anUnreadableEntryOfAnotherVersionIsNeitherReadNorReported() {
        List<LeftOutRelease> heard = new ArrayList<>();
        FileRegistry registry = FileRegistry.open(DirectorySource.open(TempRegistry.in(dir).index("http", HTTP).root()),
                heard::add);
        Release release = registry.release(id("http", "1.0.0")).orElseThrow();
        assertEquals(id("http", "1.0.0"), release.id());
        assertEquals("log ^0.4", release.dependencies().get(0).toString());
        assertEquals(true, release.yanked());
        assertEquals(List.of(), heard);
        assertEquals(List.of(), registry.leftOut());
        // find still reads the whole file, and reports both entries it leaves out.
        assertEquals(List.of(release), registry.find(PackageName.of("http")).orElseThrow().releases());
        assertEquals(2, heard.size());
    }

    @Test
    void aMissingOrUnreadableEntryIsAnsweredByReadingTheWholeFile() {
        List<LeftOutRelease> heard = new ArrayList<>();
        FileRegistry registry = FileRegistry.open(DirectorySource.open(TempRegistry.in(dir).index("http", HTTP)
                .index("dup", "{\"name\": \"dup\", \"versions\": [{\"version\": \"1.0.0+a\", \"yanked\": 1},"
                        + " {\"version\": \"1.0.0+b\"}]}").root()), heard::add);
        assertEquals(Optional.empty(), registry.release(id("http", "0.9.0")));
        assertEquals(2, heard.size(), "the whole file was read, and what it leaves out reported once");
        assertEquals(Optional.empty(), registry.release(id("http", "2.0.0")));
        assertEquals(2, heard.size(), "not reported twice");
        // The first entry of 1.0.0 is unreadable: the second is the one kept, as find keeps it.
        assertEquals("1.0.0+b", registry.release(id("dup", "1.0.0")).orElseThrow().version().toString());
        assertEquals(3, heard.size());
        assertEquals(Optional.empty(), registry.release(id("absent", "1.0.0")));
    }

    @Test
    void aFileThatIsMalformedAsAWholeIsStillAnError() {
        FileRegistry registry = TempRegistry.in(dir).index("http", "{\"name\": \"https\", \"versions\": []}").open();
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> registry.release(id("http", "1.0.0")));
        assertEquals("$.name", e.jsonPath());
    }

    /** What lets lock --check read its entries ahead on another thread: answers are kept, failures are not. */
    @Test
    void anAnswerIsKeptAndAFailureIsReadAgain() throws IOException {
        Path root = TempRegistry.in(dir).index("http", HTTP).index("bad", "{\"name\": \"bad\", \"versions\": 1}").root();
        FileRegistry registry = FileRegistry.open(DirectorySource.open(root));
        Release release = registry.release(id("http", "1.0.0")).orElseThrow();
        assertEquals(Optional.empty(), registry.release(id("http", "3.0.0")));
        Files.delete(root.resolve("index/http.json"));
        assertSame(release, registry.release(id("http", "1.0.0")).orElseThrow(), "kept, not read again");
        assertEquals(Optional.empty(), registry.release(id("http", "3.0.0")));

        assertThrows(InvalidFileException.class, () -> registry.release(id("bad", "1.0.0")));
        Files.writeString(root.resolve("index/bad.json"), "{\"name\": \"bad\", \"versions\": [{\"version\": \"1.0.0\"}]}");
        assertEquals(id("bad", "1.0.0"), registry.release(id("bad", "1.0.0")).orElseThrow().id(), "read again after failing");
    }

    @Test
    void relativeArtifactUrlsGoThroughTheTemplate() {
        FileRegistry registry = TempRegistry.in(dir)
                .file("registry.json", "{\"format\": 1, \"name\": \"t\", \"artifact_url\": \"https://cdn.example/{name}/{name}-{version}.tgz\"}")
                .index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"artifact\": {\"url\":"
                        + " \"artifacts/x.tar.gz\", \"size\": 3, \"checksums\": {\"sha256\": \"" + "ab".repeat(32) + "\"}}}]}")
                .open();
        assertEquals("https://cdn.example/http/http-1.0.0.tgz",
                registry.release(id("http", "1.0.0")).orElseThrow().artifact().orElseThrow().url());
    }

    /** Over every release of the committed registries, the one read alone equals the one find reads. */
    @Test
    void everyReleaseOfTheCommittedRegistriesIsTheOneFindReads() {
        for (String name : List.of("testdata/registry", "testdata/lenient-registry")) {
            FileRegistry all = FileRegistry.open(REPO.resolve(name));
            int compared = 0;
            for (PackageName p : all.packageNames()) {
                PackageListing listing = all.find(p).orElseThrow();
                for (Release r : listing.releases()) {
                    FileRegistry fresh = FileRegistry.open(REPO.resolve(name));
                    assertEquals(Optional.of(r), fresh.release(r.id()), r.id().toString());
                    compared++;
                }
            }
            assertEquals(true, compared > 0, name);
        }
    }
}
