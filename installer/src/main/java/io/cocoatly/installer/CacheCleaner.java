package io.cocoatly.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What is in the download cache ({@code cache.dir}) and its cleaning: artifact entries
 * ({@code <algorithm>/<2 hex>/<digest>}), the caches of http(s) registries
 * ({@code registries/<host>-<port>-<16 hex>/}) and downloads a crashed run left
 * ({@code tmp/download-*.part}). Only those names are ever deleted, never through a symbolic link;
 * anything else in the directory is not Cocoatly's and is left alone. An entry another process is
 * unpacking from is kept (see {@link CacheLocks}); each deletion is one {@code unlink}, so a crash
 * or a concurrent cleaner leaves a cache as valid as before.
 */
public final class CacheCleaner {

    /** The directory under {@code cache.dir} that holds the remote registries' caches. */
    public static final String REGISTRIES = "registries";

    private static final Pattern REGISTRY_DIR = Pattern.compile(".+-[0-9]+-[0-9a-f]{16}");

    private CacheCleaner() {
    }

    /** What a kind of cache content takes: how many entries (files, for registries) and bytes. */
    public record Usage(int entries, long bytes) {
    }

    /**
     * What the cache holds.
     *
     * @param artifacts  downloaded package archives
     * @param registries the cached files of http(s) registries
     * @param partials   partial downloads, of running downloads or of crashed ones
     */
    public record Inventory(Path dir, Usage artifacts, Usage registries, Usage partials) {
    }

    /** What kind of thing was (or would be) removed. */
    public enum Kind {
        /** An artifact entry. */
        ARTIFACT,
        /** The cache of one http(s) registry. */
        REGISTRY,
        /** A partial download that a crashed run left. */
        PARTIAL
    }

    /** One thing removed: its path, kind and bytes. */
    public record Removed(Path path, Kind kind, long bytes) {
    }

    /**
     * What a cleaning did.
     *
     * @param removed what was removed (or, in a dry run, would be)
     * @param inUse   artifact entries that were to go but are in use by a running install, and were kept
     * @param dryRun  whether nothing was actually deleted
     */
    public record Cleanup(List<Removed> removed, int inUse, boolean dryRun) {
        /** Copies the list. */
        public Cleanup {
            removed = List.copyOf(removed);
        }

        /** The bytes removed. */
        public long bytes() {
            return removed.stream().mapToLong(Removed::bytes).sum();
        }
    }

    /** Which artifact entries a cleaning removes; partial downloads of crashed runs go in every case. */
    public sealed interface Selection permits Selection.ByPolicy, Selection.All, Selection.OlderThan {

        /** What {@code cache.max_age} and {@code cache.max_size} allow no more. */
        record ByPolicy(CachePolicy policy) implements Selection {
            /** Checks the field. */
            public ByPolicy {
                Objects.requireNonNull(policy, "policy");
            }
        }

        /** Every entry, and the registries' caches too. */
        record All() implements Selection {
        }

        /** Entries unused for longer than {@code age}. */
        record OlderThan(Duration age) implements Selection {
            /** Checks the field. */
            public OlderThan {
                Objects.requireNonNull(age, "age");
            }
        }
    }

    /** What the cache in {@code dir} holds now. */
    public static Inventory inventory(Path dir) {
        List<ArtifactCache.Entry> entries = new ArtifactCache(dir).entries();
        long registryFiles = 0;
        long registryBytes = 0;
        for (Path registry : registryDirs(dir)) {
            Usage u = treeUsage(registry);
            registryFiles += u.entries();
            registryBytes += u.bytes();
        }
        List<Path> parts = CacheLeftovers.parts(dir);
        return new Inventory(dir, new Usage(entries.size(), entries.stream().mapToLong(ArtifactCache.Entry::size).sum()),
                new Usage((int) registryFiles, registryBytes), new Usage(parts.size(), parts.stream().mapToLong(CacheCleaner::size).sum()));
    }

    /**
     * Removes what {@code selection} picks, oldest use first, and the partial downloads of crashed
     * runs; with {@code dryRun}, only says what it would remove. Never throws for a file it cannot
     * delete: that file stays, and is not reported as removed.
     *
     * @param now the time ages are measured from
     */
    public static Cleanup clean(Path dir, Selection selection, Instant now, boolean dryRun) {
        List<Removed> removed = new ArrayList<>();
        ArtifactCache cache = new ArtifactCache(dir);
        List<ArtifactCache.Entry> entries = new ArrayList<>(cache.entries());
        entries.sort(Comparator.comparing(ArtifactCache.Entry::lastUsed).thenComparing(ArtifactCache.Entry::file));
        long total = entries.stream().mapToLong(ArtifactCache.Entry::size).sum();
        int inUse = 0;
        for (ArtifactCache.Entry e : entries) {
            if (!picks(selection, e, total, now)) {
                continue;
            }
            if (dryRun && Files.notExists(dir.resolve(CacheLocks.FILE))) {
                // Nothing has ever leased an entry (a lease creates the lock file), and a dry run
                // writes nothing, not even that file.
                removed.add(new Removed(e.file(), Kind.ARTIFACT, e.size()));
                total -= e.size();
                continue;
            }
            var lease = CacheLocks.tryExclusive(dir, e.file());
            if (lease.isEmpty()) {
                inUse++;
                continue;
            }
            try (CacheLocks.Lease held = lease.get()) {
                if (dryRun || delete(e.file())) {
                    removed.add(new Removed(e.file(), Kind.ARTIFACT, e.size()));
                    total -= e.size();
                }
            }
        }
        if (selection instanceof Selection.All) {
            for (Path registry : registryDirs(dir)) {
                long bytes = treeUsage(registry).bytes();
                if (dryRun || deleteTree(registry)) {
                    removed.add(new Removed(registry, Kind.REGISTRY, bytes));
                }
            }
        }
        for (Path part : CacheLeftovers.stale(dir, now)) {
            long bytes = size(part);
            if (dryRun || delete(part)) {
                removed.add(new Removed(part, Kind.PARTIAL, bytes));
            }
        }
        return new Cleanup(removed, inUse, dryRun);
    }

    /**
     * Applies {@code policy} after an install: {@link #clean} by policy, nothing when it sets no
     * limit. Whatever cannot be removed stays; an install never fails for its cache.
     */
    static Cleanup applyPolicy(Path dir, CachePolicy policy, Instant now) {
        if (policy.isNone()) {
            return new Cleanup(List.of(), 0, false);
        }
        return clean(dir, new Selection.ByPolicy(policy), now, false);
    }

    private static boolean picks(Selection selection, ArtifactCache.Entry e, long total, Instant now) {
        if (selection instanceof Selection.All) {
            return true;
        }
        if (selection instanceof Selection.OlderThan older) {
            return e.lastUsed().isBefore(now.minus(older.age()));
        }
        if (selection instanceof Selection.ByPolicy byPolicy) {
            CachePolicy p = byPolicy.policy();
            return p.maxAge().map(age -> e.lastUsed().isBefore(now.minus(age))).orElse(false)
                    || p.maxSize().isPresent() && total > p.maxSize().getAsLong();
        }
        throw new AssertionError(selection);
    }

    private static List<Path> registryDirs(Path dir) {
        Path registries = dir.resolve(REGISTRIES);
        if (!Files.isDirectory(registries, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(registries)) {
            return list.filter(p -> REGISTRY_DIR.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    // Regular files only, never following a link: a link's target is not the cache's.
    private static Usage treeUsage(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            long[] counted = new long[2];
            walk.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        counted[0]++;
                        counted[1] += a.size();
                    }
                } catch (IOException e) {
                    // Replaced meanwhile by a fetch: counted on the next look.
                }
            });
            return new Usage((int) counted[0], counted[1]);
        } catch (IOException | UncheckedIOException e) {
            return new Usage(0, 0);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean deleteTree(Path dir) {
        try {
            PackageFiles.deleteTree(dir);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
