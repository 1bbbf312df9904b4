package io.cocoatly.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory tree as text, to show that a refused operation left an installation exactly as it was:
 * every path under it with, for a file, the SHA-256 of its bytes.
 */
final class Trees {

    /**
     * What a home holds besides its installation, left out of {@link #snapshot}: the download cache
     * (a refused install may have filled it), the lock file (its holder's pid), the settings and
     * plugins the tests write, and what recording plugins and hooks append to ({@code *.log}).
     */
    private static final Set<String> NOT_THE_INSTALLATION = Set.of("cache", "cocoatly.lock", "config.json", "plugins");

    private Trees() {
    }

    /** Every path under {@code root} but {@link #NOT_THE_INSTALLATION}, sorted, a file with its digest. */
    static String snapshot(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = all.filter(p -> !p.equals(root))
                    .filter(p -> !NOT_THE_INSTALLATION.contains(root.relativize(p).getName(0).toString()))
                    .filter(p -> !p.getFileName().toString().endsWith(".log")).sorted().toList();
            return paths.stream().map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + sha256(p) : "/"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
