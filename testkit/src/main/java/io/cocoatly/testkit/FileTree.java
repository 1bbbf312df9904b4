package io.cocoatly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory tree as the crash tests compare it with what {@code state.json} records, read with
 * {@code java.nio} alone so that the check is independent of the installer's code.
 */
public final class FileTree {

    private FileTree() {
    }

    /**
     * Every regular file and symbolic link below {@code root} (links not followed): its path
     * relative to {@code root}, {@code /}-separated, to {@code file SIZE SHA256} or {@code link TARGET}.
     * Directories are left out: the files imply them.
     */
    public static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> found = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                found.put(rel, "link " + Files.readSymbolicLink(p));
            } else if (!Files.isDirectory(p)) {
                byte[] bytes = Files.readAllBytes(p);
                found.put(rel, "file " + bytes.length + " " + sha256(bytes));
            }
        }
        return found;
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
