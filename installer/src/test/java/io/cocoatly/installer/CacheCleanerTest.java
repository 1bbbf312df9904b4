package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's inventory and cleaning: the policy's order (too old first, then least recently used
 * until small enough), entries in use kept, only the cache's own names deleted.
 */
class CacheCleanerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path cache;

    /** An artifact entry of {@code bytes} bytes, last used {@code daysAgo} days before {@link #NOW}. */
    private Path entry(char digit, int bytes, int daysAgo) throws IOException {
        String hex = String.valueOf(digit).repeat(64);
        Path file = Files.createDirectories(cache.resolve("sha256").resolve(hex.substring(0, 2))).resolve(hex);
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(daysAgo))));
        return file;
    }

    private static CacheCleaner.Selection policy(long maxSize, int maxAgeDays) {
        return new CacheCleaner.Selection.ByPolicy(new CachePolicy(maxSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxSize),
                maxAgeDays < 0 ? Optional.empty() : Optional.of(Duration.ofDays(maxAgeDays))));
    }

    private static List<Path> removed(CacheCleaner.Cleanup cleanup) {
        return cleanup.removed().stream().map(CacheCleaner.Removed::path).toList();
    }

    @Test
    void theLeastRecentlyUsedGoFirstUntilTheCacheFits() throws IOException {
        Path a = entry('a', 100, 40);
        Path b = entry('b', 100, 10);
        Path c = entry('c', 100, 30);
        Path d = entry('d', 100, 1);
        CacheCleaner.Cleanup cleanup = CacheCleaner.clean(cache, policy(250, -1), NOW, false);
        assertEquals(List.of(a, c), removed(cleanup));
        assertEquals(200, cleanup.bytes());
        assertFalse(Files.exists(a) || Files.exists(c));
        assertTrue(Files.exists(b) && Files.exists(d));
        assertEquals(new CacheCleaner.Usage(2, 200), CacheCleaner.inventory(cache).artifacts());
    }

    @Test
    void tooOldGoesEvenWhenTheCacheIsSmallEnough() throws IOException {
        Path old = entry('a', 10, 31);
        Path recent = entry('b', 10, 29);
        assertEquals(List.of(old), removed(CacheCleaner.clean(cache, policy(1_000_000, 30), NOW, false)));
        assertTrue(Files.exists(recent));
        assertEquals(List.of(recent), removed(CacheCleaner.clean(cache, new CacheCleaner.Selection.OlderThan(
                Duration.ofDays(7)), NOW, false)));
    }

    @Test
    void noPolicyRemovesNoEntryAndADryRunRemovesNothing() throws IOException {
        Path a = entry('a', 10, 400);
        assertEquals(List.of(), CacheCleaner.applyPolicy(cache, CachePolicy.none(), NOW).removed());
        CacheCleaner.Cleanup dry = CacheCleaner.clean(cache, new CacheCleaner.Selection.All(), NOW, true);
        assertEquals(List.of(a), removed(dry));
        assertTrue(dry.dryRun());
        assertTrue(Files.exists(a));
        assertTrue(Files.notExists(cache.resolve(CacheLocks.FILE)), "a dry run wrote the lock file");
    }

    @Test
    void onlyTheCachesOwnNamesAreDeletedAndNoLinkIsFollowed() throws IOException {
        Path entry = entry('a', 10, 5);
        Path outside = Files.writeString(cache.resolveSibling(cache.getFileName() + "-outside.txt"), "mine");
        String hex = "b".repeat(64);
        Path link = Files.createSymbolicLink(Files.createDirectories(cache.resolve("sha256/bb")).resolve(hex), outside);
        Path notADigest = Files.writeString(cache.resolve("sha256/aa/notes.txt"), "x");
        Path wrongPrefix = Files.writeString(cache.resolve("sha256/aa").resolve("c".repeat(64)), "x");
        Path foreign = Files.writeString(cache.resolve("README"), "x");
        Files.createDirectories(cache.resolve("registries"));
        Path registry = Files.createDirectories(cache.resolve("registries/registry.example-443-0123456789abcdef/index"));
        Files.writeString(registry.resolve("http.json"), "{}");
        Path otherDir = Files.createDirectories(cache.resolve("registries/mine"));
        Path linkedRegistry = Files.createSymbolicLink(cache.resolve("registries/elsewhere-443-fedcba9876543210"),
                otherDir);
        Path staleTmp = Files.writeString(Files.createDirectories(cache.resolve("tmp")).resolve("download-1.part"), "half");
        Files.setLastModifiedTime(staleTmp, FileTime.from(NOW.minus(Duration.ofDays(1))));

        CacheCleaner.Inventory before = CacheCleaner.inventory(cache);
        assertEquals(new CacheCleaner.Usage(1, 10), before.artifacts());
        assertEquals(new CacheCleaner.Usage(1, 2), before.registries());
        assertEquals(new CacheCleaner.Usage(1, 4), before.partials());

        CacheCleaner.Cleanup all = CacheCleaner.clean(cache, new CacheCleaner.Selection.All(), NOW, false);
        assertEquals(List.of(entry, registry.getParent(), staleTmp), removed(all));
        assertEquals(List.of(CacheCleaner.Kind.ARTIFACT, CacheCleaner.Kind.REGISTRY, CacheCleaner.Kind.PARTIAL),
                all.removed().stream().map(CacheCleaner.Removed::kind).toList());
        for (Path kept : List.of(outside, link, notADigest, wrongPrefix, foreign, otherDir, linkedRegistry)) {
            assertTrue(Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS), kept + " is not the cache's to delete");
        }
        assertEquals("mine", Files.readString(outside));
    }

    @Test
    void anEntryThisProcessIsUnpackingIsKept() throws IOException {
        Path a = entry('a', 10, 100);
        Path b = entry('b', 10, 100);
        try (CacheLocks.Lease lease = new ArtifactCache(cache).lease(a)) {
            CacheCleaner.Cleanup cleanup = CacheCleaner.clean(cache, new CacheCleaner.Selection.All(), NOW, false);
            assertEquals(List.of(b), removed(cleanup));
            assertEquals(1, cleanup.inUse());
            assertTrue(Files.exists(a));
        }
        assertEquals(List.of(a), removed(CacheCleaner.clean(cache, new CacheCleaner.Selection.All(), NOW, false)));
    }

    @Test
    void anEntryAnotherProcessHoldsIsKeptUntilItLetsGo(@TempDir Path logs) throws Exception {
        Path held = entry('a', 10, 100);
        Path free = entry('b', 10, 100);
        try (ChildProcesses children = new ChildProcesses(logs)) {
            Process child = children.start(ChildProcesses.java(List.of(), CacheLeaseHolderMain.class, cache.toString(),
                    held.toString()));
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine(), () -> children.log(child));
            CacheCleaner.Cleanup cleanup = CacheCleaner.clean(cache, policy(0, -1), NOW, false);
            assertEquals(List.of(free), removed(cleanup));
            assertEquals(1, cleanup.inUse());
            assertTrue(Files.exists(held));
            child.getOutputStream().close();
            assertEquals("released", out.readLine(), () -> children.log(child));
            assertEquals(0, child.waitFor());
        }
        assertEquals(List.of(held), removed(CacheCleaner.clean(cache, policy(0, -1), NOW, false)));
    }
}
