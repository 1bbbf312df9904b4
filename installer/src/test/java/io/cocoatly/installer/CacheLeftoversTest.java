package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stale partial downloads go; fresh ones (maybe another process's, right now) and other files stay. */
class CacheLeftoversTest {

    @TempDir
    Path cache;

    @Test
    void removesOnlyStalePartFiles() throws IOException {
        Path tmp = Files.createDirectories(cache.resolve("tmp"));
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        Path stale = Files.writeString(tmp.resolve("download-1.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofDays(2))));
        Path fresh = Files.writeString(tmp.resolve("download-2.part"), "in progress");
        Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(1))));
        Path other = Files.writeString(tmp.resolve("notes.txt"), "not ours");
        Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(2))));

        assertEquals(List.of(stale), CacheLeftovers.remove(cache, now));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
        assertEquals(List.of(), CacheLeftovers.remove(cache.resolve("nowhere"), now));
    }
}
