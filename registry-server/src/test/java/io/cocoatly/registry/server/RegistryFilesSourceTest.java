package io.cocoatly.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the server makes of a {@link RegistryFiles}' file is made once per version the source names. */
class RegistryFilesSourceTest {

    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void oneEntryPerSourceETagRemadeWhenTheBytesChange() throws IOException {
        MemoryFiles files = MemoryFiles.empty();
        byte[] index = ("{\"name\": \"http\", \"versions\": [" + "{\"version\": \"1.0.0\"},".repeat(40) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        files.put("index/http.json", index, T);
        RegistryFilesSource source = new RegistryFilesSource(files);

        FileEntry.InMemory first = (FileEntry.InMemory) source.find("index/http.json");
        // The same version again: the same entry, its gzip form and buffers not made again.
        assertSame(first, source.find("index/http.json"));
        assertEquals(FileEntry.tag(FileEntry.hash(index)), first.etag());
        assertEquals(FileEntry.tag(FileEntry.hash(index) + "-gzip"), first.gzipEtag());

        files.put("index/http.json", index.clone(), T);
        assertSame(first, source.find("index/http.json"), "same bytes, same source tag");

        byte[] changed = new String(index, StandardCharsets.UTF_8).replace("1.0.0", "1.0.1").getBytes(StandardCharsets.UTF_8);
        files.put("index/http.json", changed, T);
        FileEntry second = source.find("index/http.json");
        assertNotSame(first, second);
        assertNotEquals(first.etag(), second.etag());
        assertNull(source.find("index/nope.json"));
    }
}
