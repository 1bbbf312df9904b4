package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system source: plain relative paths only, and I/O failures reported as such. */
class DirectorySourceTest {

    @TempDir
    Path dir;

    @Test
    void refusesPathsThatCouldLeaveTheRoot() {
        DirectorySource source = new DirectorySource(dir);
        for (String bad : List.of("../registry.json", "/etc/passwd", "index/../../x.json", "index/./x.json")) {
            assertThrows(IllegalArgumentException.class, () -> source.read(bad), bad);
        }
    }

    @Test
    void missingFileIsEmpty() {
        assertEquals(Optional.empty(), new DirectorySource(dir).read("index/http.json"));
    }

    @Test
    void listingIgnoresDirectoriesAndOtherFiles() throws Exception {
        TempRegistry registry = TempRegistry.in(dir)
                .index("http", "{\"name\": \"http\", \"versions\": []}")
                .file("index/README.md", "not an index file");
        Files.createDirectories(dir.resolve("index/tls.json"));
        assertEquals(List.of(PackageName.of("http")), registry.open().packageNames());
    }

    @Test
    void unreadableIndexFileIsNotAFormatError() throws Exception {
        FileRegistry registry = TempRegistry.in(dir).open();
        Files.createDirectories(dir.resolve("index/tls.json"));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> registry.find(PackageName.of("tls")));
        assertEquals("registry-unreadable", e.code());
        assertTrue(e.getMessage().startsWith("cannot read `" + dir.resolve("index/tls.json") + "`: "), e.getMessage());
    }

    @Test
    void invalidUtf8IsMalformedJson() throws Exception {
        FileRegistry registry = TempRegistry.in(dir).open();
        Files.createDirectories(dir.resolve("index"));
        Files.write(dir.resolve("index/http.json"), new byte[] {'{', '"', 'n', (byte) 0xff, '"', ':', '1', '}'});
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> registry.find(PackageName.of("http")));
        assertEquals(dir.resolve("index/http.json") + ": $: malformed JSON at line 1, column 6: not UTF-8: byte "
                + "0xff cannot appear here", e.getMessage());
    }
}
