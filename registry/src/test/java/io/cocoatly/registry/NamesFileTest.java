package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code names.json}: written by the editor, read when the source cannot list {@code index/}, and
 * kept up to date in every committed registry.
 */
class NamesFileTest {

    private static final Path REPO = Path.of(System.getProperty("cocoatly.repo", ".."));

    @TempDir
    Path dir;

    /** A source that cannot list directories, as a registry over HTTP. */
    private static final class UnlistableSource implements RegistrySource {
        private final DirectorySource files;

        UnlistableSource(Path root) {
            this.files = new DirectorySource(root);
        }

        @Override
        public String describe(String relativePath) {
            return "https://registry.example/r/" + relativePath;
        }

        @Override
        public URI location() {
            return URI.create("https://registry.example/r/");
        }

        @Override
        public Optional<byte[]> read(String relativePath) {
            return files.read(relativePath);
        }

        @Override
        public Optional<List<String>> list(String relativeDirectory) {
            return Optional.empty();
        }
    }

    private static List<PackageName> names(String... names) {
        return java.util.Arrays.stream(names).map(PackageName::of).toList();
    }

    private String text(String relative) throws Exception {
        return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    void theCommittedNamesFilesAreUpToDate() throws Exception {
        for (String registry : List.of("testdata/registry", "testdata/lenient-registry")) {
            Path root = REPO.resolve(registry);
            byte[] expected = NamesFile.write(FileRegistry.open(root).packageNames());
            assertEquals(new String(expected, StandardCharsets.UTF_8), Files.readString(root.resolve("names.json")),
                    registry + "/names.json is out of date: run `cocoatly registry reindex " + registry + "`");
        }
    }

    @Test
    void initWritesAnEmptyListAndANewPackageIsAdded() throws Exception {
        RegistryEditor.init(dir, "tiny");
        assertEquals("{\n  \"names\": []\n}\n", text("names.json"));
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            editor.addRelease(release("tls", "1.0.0"));
            editor.addRelease(release("http", "1.0.0"));
            editor.addRelease(release("http", "1.1.0"));
        }
        assertEquals("{\n  \"names\": [\n    \"http\",\n    \"tls\"\n  ]\n}\n", text("names.json"));
        assertEquals(names("http", "tls"), FileRegistry.open(new UnlistableSource(dir)).packageNames());
    }

    @Test
    void reindexRewritesTheListFromTheIndexDirectory() throws Exception {
        TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": []}")
                .index("log", "{\"name\": \"log\", \"versions\": []}")
                .file("names.json", "{\"names\": [\"gone\"]}");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            assertEquals(names("http", "log"), editor.reindex());
        }
        assertEquals("{\n  \"names\": [\n    \"http\",\n    \"log\"\n  ]\n}\n", text("names.json"));
    }

    @Test
    void aDirectoryListsItsIndexWhateverNamesJsonSays() {
        FileRegistry registry = TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": []}")
                .file("names.json", "{\"names\": [\"gone\"]}").open();
        assertEquals(names("http"), registry.packageNames());
        assertEquals(Optional.of(names("http")), registry.listNames());
    }

    @Test
    void aSourceThatCannotListNeedsNamesJson() {
        TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": []}");
        FileRegistry registry = FileRegistry.open(new UnlistableSource(dir));
        CocoatlyException e = assertThrows(CocoatlyException.class, registry::packageNames);
        assertEquals(FileRegistry.NAMES_MISSING, e.code());
        assertEquals("registry `tiny` cannot list its packages: `https://registry.example/r/names.json` is missing", e.getMessage());
        assertEquals(List.of("run `cocoatly registry reindex DIR` on the registry's directory, and serve the `names.json` it"
                + " writes with the registry"), e.hints());
        assertEquals(Optional.empty(), registry.listNames());
    }

    @Test
    void namesJsonIsReadStrictlySortedAndWithoutRepeats() {
        TempRegistry files = TempRegistry.in(dir).file("names.json", "{\"names\": [\"tls\", \"http\", \"tls\"], \"next\": 1}");
        assertEquals(names("http", "tls"), FileRegistry.open(new UnlistableSource(dir)).packageNames());
        files.file("names.json", "{\"names\": [\"http\", \"Tls\"]}");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> FileRegistry.open(new UnlistableSource(dir)).packageNames());
        assertEquals("https://registry.example/r/names.json: $.names[1]: invalid package name `Tls`: it must match"
                + " [a-z0-9][a-z0-9._-]*", e.getMessage());
        files.file("names.json", "{\"list\": []}");
        InvalidFileException missing = assertThrows(InvalidFileException.class,
                () -> FileRegistry.open(new UnlistableSource(dir)).packageNames());
        assertEquals("https://registry.example/r/names.json: $: missing required key `names`", missing.getMessage());
    }

    private static Release release(String name, String version) {
        return new Release(new PackageId(PackageName.of(name), Version.parse(version)), List.of(), false, Optional.empty());
    }
}
