package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;

/**
 * One value a layer sets, with where it came from.
 *
 * @param at     the value, in its own document (a file, or the text of a variable or flag)
 * @param base   the directory a relative path in it is taken from: the home for the home's file,
 *               the project for a project's, the working directory for variables and flags
 */
record ConfigValue(JsonCursor at, ConfigOrigin origin, Path base) {

    /** Reads a value into a setting; throws the reader's {@link InvalidFileException} if it is wrong. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonCursor at, Path base);
    }

    /** The value read by {@code reader}; an error names this value's origin. */
    <T> T read(Reader<T> reader) {
        try {
            return reader.read(at, base);
        } catch (InvalidFileException e) {
            throw origin.error(e);
        }
    }
}
