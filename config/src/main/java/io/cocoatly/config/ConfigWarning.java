package io.cocoatly.config;

import java.util.Objects;

/**
 * Something in the configuration that was ignored, such as an unknown key; returned as data for the
 * CLI to show, never printed by the library.
 *
 * @param origin  what was ignored: a file and the JSON path of the value (e.g. {@code $.network.timeout}),
 *                or an environment variable
 * @param message e.g. {@code unknown key `timeout`, ignored; did you mean `timeout_seconds`?}
 */
public record ConfigWarning(ConfigOrigin origin, String message) {

    public ConfigWarning {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /** {@code <origin>: <message>}, the same shape as errors, e.g. {@code <file>: <json path>: <message>}. */
    public String text() {
        return origin.describe() + ": " + message;
    }
}
