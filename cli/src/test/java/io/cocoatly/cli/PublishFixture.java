package io.cocoatly.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Package directories, keys and registries for the publishing tests. */
final class PublishFixture {

    private PublishFixture() {
    }

    /** A package directory with a manifest, a README, an executable script and some hidden files. */
    static Path packageDir(Path dir, String name, String version, String dependencies) {
        write(dir.resolve("cocoatly.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"dependencies\": {" + dependencies + "}}\n");
        write(dir.resolve("README.md"), "# " + name + "\n\nA package for tests.\n");
        write(dir.resolve("lib/" + name + ".sh"), name + "_hello() { echo hello; }\n");
        Path bin = dir.resolve("bin/" + name);
        write(bin, "#!/bin/sh\necho " + name + "\n");
        try {
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(dir.resolve("lib/.swp"), "editor state\n");
        return dir;
    }

    /** Every regular file below {@code root} by its relative path, with its bytes, sorted by path. */
    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Writes {@code text} as UTF-8, making the parent directories. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
