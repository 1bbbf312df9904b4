package io.cocoatly.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a tiny registry directory in a test's temp dir, one file at a time. */
final class TempRegistry {

    static final String REGISTRY_JSON = "{\"format\": 1, \"name\": \"tiny\"}";

    private final Path root;

    private TempRegistry(Path root) {
        this.root = root;
    }

    /** A registry with a valid {@code registry.json} and an empty index. */
    static TempRegistry in(Path dir) {
        return new TempRegistry(dir).file("registry.json", REGISTRY_JSON);
    }

    /** Writes {@code index/<name>.json}. */
    TempRegistry index(String name, String json) {
        return file("index/" + name + ".json", json);
    }

    TempRegistry file(String relative, String text) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    FileRegistry open() {
        return FileRegistry.open(root);
    }
}
