package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One factory opens a registry location by scheme; sources name their files as text. */
class RegistrySourcesTest {

    @TempDir
    Path dir;

    @Test
    void aPathAndAFileUrlOpenTheSameDirectory() {
        TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}]}");

        FileRegistry byPath = FileRegistry.open(RegistrySources.open(dir.toString(), "cocoatly lock"));
        FileRegistry byUrl = FileRegistry.open(RegistrySources.open(dir.toUri().toString(), "cocoatly lock"));

        assertEquals("tiny", byPath.name());
        assertEquals(List.of(PackageName.of("http")), byUrl.packageNames());
        assertEquals(dir.resolve("index/http.json").toString(),
                RegistrySources.open(dir.toString(), "cocoatly lock").describe("index/http.json"));
    }

    @Test
    void anHttpUrlIsLeftToTheHttpClientAndTheErrorNamesTheCommand() {
        for (String url : List.of("http://127.0.0.1:18765", "https://registry.example/cocoatly/")) {
            CocoatlyException e = assertThrows(CocoatlyException.class, () -> RegistrySources.open(url, "cocoatly why"));
            assertEquals(RegistrySources.UNSUPPORTED, e.code());
            assertEquals("`cocoatly why` cannot read an HTTP registry here: `" + url + "`", e.getMessage());
            assertEquals(List.of("HTTP registries are opened by the HTTP registry client"
                    + " (io.cocoatly.registry.http.RegistryLocations.open); meanwhile pass `--registry DIR` or a `file:` URL"),
                    e.hints());
        }
    }

    @Test
    void otherSchemesAndBadLocationsAreRefused() {
        CocoatlyException ftp = assertThrows(CocoatlyException.class,
                () -> RegistrySources.open("ftp://mirror.example/registry", "cocoatly check"));
        assertEquals(RegistrySources.UNSUPPORTED, ftp.code());
        assertEquals("`cocoatly check` cannot read a registry from a `ftp:` URL: `ftp://mirror.example/registry`",
                ftp.getMessage());

        CocoatlyException opaque = assertThrows(CocoatlyException.class, () -> RegistrySources.open("file:registry", "x"));
        assertEquals("invalid-registry-location", opaque.code());

        CocoatlyException missing = assertThrows(CocoatlyException.class,
                () -> RegistrySources.open(dir.resolve("nothing").toString(), "x"));
        assertEquals("registry-not-found", missing.code());
        assertEquals("no registry at `" + dir.resolve("nothing") + "`: not a directory", missing.getMessage());
    }

    @Test
    void theRootIsAUriEndingInASlash() {
        assertEquals(URI.create("http://127.0.0.1:18765/"), RegistrySources.root("http://127.0.0.1:18765"));
        assertEquals(URI.create("https://r.example/c/"), RegistrySources.root("https://r.example/c/"));
        assertEquals(dir.toUri(), RegistrySources.root(dir.toString()));
        assertEquals(URI.create(dir.toUri() + "not-yet/"), RegistrySources.root(dir.resolve("not-yet").toString()));
    }

    /** A registry that is not a directory: its files are named by URL, never as a local path. */
    private static final class InMemorySource implements RegistrySource {
        private final Map<String, String> files;

        InMemorySource(Map<String, String> files) {
            this.files = files;
        }

        @Override
        public String describe(String relativePath) {
            return "https://registry.example/cocoatly/" + relativePath;
        }

        @Override
        public java.net.URI location() {
            return java.net.URI.create("https://registry.example/cocoatly/");
        }

        @Override
        public Optional<byte[]> read(String relativePath) {
            return Optional.ofNullable(files.get(relativePath)).map(t -> t.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<List<String>> list(String relativeDirectory) {
            return Optional.empty();
        }
    }

    @Test
    void errorsNameTheSourcesFilesAsItDescribesThem() {
        FileRegistry registry = FileRegistry.open(new InMemorySource(Map.of("registry.json", TempRegistry.REGISTRY_JSON,
                "index/http.json", "{\"name\": \"http\", \"versions\": [{\"version\": \"one\"}]}",
                "index/tls.json", "{\"name\": \"http\", \"versions\": []}")));
        registry.find(PackageName.of("http"));
        assertEquals("https://registry.example/cocoatly/index/http.json", registry.leftOut().get(0).file());
        assertEquals("$.versions[0].version", registry.leftOut().get(0).jsonPath());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> registry.find(PackageName.of("tls")));
        assertEquals("https://registry.example/cocoatly/index/tls.json", e.file());
        assertEquals("$.name", e.jsonPath());

        CocoatlyException none = assertThrows(CocoatlyException.class,
                () -> FileRegistry.open(new InMemorySource(Map.of())));
        assertEquals("no registry at `https://registry.example/cocoatly/`: `registry.json` is missing", none.getMessage());
    }

    @Test
    void aDirectoryWithoutRegistryJsonIsNotFound() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> FileRegistry.open(RegistrySources.open(dir.resolve("empty").toString(), "x")));
        assertEquals("registry-not-found", e.code());
    }
}
