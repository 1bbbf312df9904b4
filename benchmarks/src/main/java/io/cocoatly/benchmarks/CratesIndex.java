package io.cocoatly.benchmarks;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.tukaani.xz.XZInputStream;

/**
 * The crates.io 2019 index as a {@link PackageIndex}. Opening decompresses the file once and records
 * where each crate's line starts (cheap); a crate's JSON becomes releases only when the solver first
 * asks for it, and the result is kept. Names are normalised the way crates.io compares them
 * (see {@link #normalise}). Safe for concurrent use.
 */
public final class CratesIndex implements PackageIndex {

    private static final byte[] PREFIX = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] data;
    private final Map<String, int[]> lines;
    private final Duration openTime;
    private final Counters counts = new Counters();
    private final CrateParser parser = new CrateParser(counts);
    private final Map<PackageName, Optional<PackageListing>> cache = new ConcurrentHashMap<>();

    private CratesIndex(byte[] data, Map<String, int[]> lines, Duration openTime) {
        this.data = data;
        this.lines = lines;
        this.openTime = openTime;
    }

    /** Opens the snapshot found by {@link DataFiles#indexFile()}. */
    public static CratesIndex open() {
        return open(DataFiles.indexFile());
    }

    /** Opens the excerpt committed in {@code testdata/crates-excerpt} ({@link DataFiles#excerptIndexFile()}). */
    public static CratesIndex openExcerpt() {
        return open(DataFiles.excerptIndexFile());
    }

    /**
     * Reads and indexes {@code file}: xz-compressed if its name ends in {@code .xz}, plain otherwise.
     *
     * @throws CocoatlyException with code {@code invalid-crates-index} if it cannot be read or a line
     *                           does not start with the crate's name
     */
    public static CratesIndex open(Path file) {
        long start = System.nanoTime();
        byte[] data = read(file);
        Map<String, int[]> lines = new HashMap<>(1 << 16);
        int lineNumber = 0;
        for (int from = 0; from < data.length; ) {
            int end = from;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            lineNumber++;
            if (end > from) {
                String name = normalise(crateName(file, data, from, end, lineNumber));
                // crates.io refuses names equal after normalisation, so a clash is damage; keep the first.
                lines.putIfAbsent(name, new int[] {from, end - from});
            }
            from = end + 1;
        }
        return new CratesIndex(data, lines, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The bytes of {@code file}, decompressed if its name ends in {@code .xz}.
     *
     * @throws CocoatlyException with code {@code invalid-crates-index} if it cannot be read
     */
    static byte[] read(Path file) {
        try (InputStream in = file.toString().endsWith(".xz")
                ? new XZInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))
                : Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-crates-index", "cannot read crates.io index `" + file + "`: "
                    + e.getMessage(), List.of("check the file is the .jsonl.xz snapshot or the excerpt"), e);
        }
    }

    /** The form crates.io compares names in, which is also a valid {@link PackageName}: lower case, {@code _} as {@code -}. */
    public static String normalise(String crateName) {
        return CrateParser.normalise(crateName);
    }

    @Override
    public String name() {
        return "crates.io-2019-11-10";
    }

    @Override
    public Optional<PackageListing> find(PackageName name) {
        Optional<PackageListing> cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        return cache.computeIfAbsent(name, n -> Optional.ofNullable(parse(n)));
    }

    /** How many crates the file holds. */
    public int size() {
        return lines.size();
    }

    /** Time spent decompressing and indexing lines in {@link #open}. */
    public Duration openTime() {
        return openTime;
    }

    /** Uncompressed size of the index in bytes. */
    public long uncompressedBytes() {
        return data.length;
    }

    /**
     * Parses every crate once without keeping the results, handing each listing to {@code sink}; the
     * counts then describe the whole file. Uses its own counters, so {@link #counts()} is unaffected.
     */
    public LoadCounts parseAll(Consumer<PackageListing> sink) {
        Counters all = new Counters();
        CrateParser fresh = new CrateParser(all);
        List<String> names = new ArrayList<>(lines.keySet());
        names.sort(null);
        for (String name : names) {
            if (PackageName.problem(name) == null) {
                int[] line = lines.get(name);
                sink.accept(fresh.parse(PackageName.of(name), data, line[0], line[1]));
            }
        }
        return all.snapshot();
    }

    /** What was kept and skipped over the crates parsed so far by {@link #find}. */
    public LoadCounts counts() {
        return counts.snapshot();
    }

    private PackageListing parse(PackageName name) {
        int[] line = lines.get(name.value());
        return line == null ? null : parser.parse(name, data, line[0], line[1]);
    }

    private static String crateName(Path file, byte[] data, int from, int end, int lineNumber) {
        boolean prefixed = end - from > PREFIX.length;
        for (int i = 0; prefixed && i < PREFIX.length; i++) {
            prefixed = data[from + i] == PREFIX[i];
        }
        int start = from + PREFIX.length;
        int close = start;
        while (prefixed && close < end && data[close] != '"') {
            close++;
        }
        if (!prefixed || close == end || close == start) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-crates-index", "line " + lineNumber + " of `" + file
                    + "` does not start with the crate's name: " + new String(data, from, Math.min(40, end - from),
                    StandardCharsets.UTF_8), List.of("check the file is the compact .jsonl.xz snapshot"));
        }
        return new String(data, start, close - start, StandardCharsets.US_ASCII);
    }
}
