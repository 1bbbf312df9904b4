package io.cocoatly.artifact;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Digests of one byte sequence, by algorithm, in lowercase hex.
 *
 * @param values at least the digests asked for; each value is lowercase hex of the algorithm's length
 */
public record Checksums(Map<DigestAlgorithm, String> values) {

    /** @throws CocoatlyException with code {@code invalid-checksum} if a value is not lowercase hex of the right length */
    public Checksums {
        EnumMap<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
        for (Map.Entry<DigestAlgorithm, String> e : values.entrySet()) {
            String hex = e.getValue();
            if (!Hex.isLowerHex(hex) || hex.length() != e.getKey().hexLength()) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-checksum", "invalid " + e.getKey() + " checksum: `" + hex + "`",
                        List.of("a " + e.getKey() + " checksum is " + e.getKey().hexLength()
                                + " lowercase hexadecimal characters"));
            }
            copy.put(e.getKey(), hex);
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the string-keyed map of an index or lock file.
     *
     * @throws CocoatlyException {@code unknown-digest-algorithm} or {@code invalid-checksum}
     */
    public static Checksums parse(Map<String, String> byName) {
        EnumMap<DigestAlgorithm, String> map = new EnumMap<>(DigestAlgorithm.class);
        byName.forEach((k, v) -> map.put(DigestAlgorithm.of(k), v));
        return new Checksums(map);
    }

    /** Hashes {@code file} once into every algorithm in {@code algorithms}. */
    public static Checksums of(Path file, Set<DigestAlgorithm> algorithms) {
        DigestSink sink = DigestSink.of(algorithms);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.checksums();
    }

    /** The algorithms present: what to compute over downloaded bytes to compare them with these. */
    public Set<DigestAlgorithm> algorithms() {
        return values.isEmpty() ? EnumSet.noneOf(DigestAlgorithm.class) : EnumSet.copyOf(values.keySet());
    }

    /** The digest for {@code algorithm}, if present. */
    public Optional<String> get(DigestAlgorithm algorithm) {
        return Optional.ofNullable(values.get(algorithm));
    }

    /** The string-keyed form used in index and lock files. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k.id(), v));
        return Collections.unmodifiableMap(out);
    }
}
