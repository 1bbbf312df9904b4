package io.cocoatly.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something in {@code config.json} that was ignored, such as an unknown key; returned as data for
 * the CLI to show, never printed by the library.
 *
 * @param path the JSON path of the ignored value, e.g. {@code $.network.timeout}
 */
public record ConfigWarning(Path file, String path, String message) {

    public ConfigWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code <file>: <path>: <message>}, the same shape as errors. */
    public String text() {
        return file + ": " + path + ": " + message;
    }
}
