package io.cocoatly.config;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a setting's value came from: a built-in default, a configuration file and the JSON path in
 * it, an environment variable, or a command-line flag. Errors and warnings about a value start with
 * {@link #describe()}.
 */
public sealed interface ConfigOrigin permits ConfigOrigin.Default, ConfigOrigin.File, ConfigOrigin.Environment,
        ConfigOrigin.Flag {

    /** How messages name the origin: {@code /home/u/.cocoatly/config.json: $.network.retries}, {@code COCOATLY_NETWORK_RETRIES}, {@code --registry}. */
    String describe();

    /**
     * The error for a value from here that {@code e} found wrong. A file's error is already in its
     * own words ({@code <file>: <json path>: <problem>}); a variable or a flag is named instead of
     * a file, with the JSON path only where it says more than the whole value ({@code $}).
     */
    default CocoatlyException error(InvalidFileException e) {
        String where = e.jsonPath().equals("$") ? "" : e.jsonPath() + ": ";
        return new CocoatlyException(e.kind(), e.code(), describe() + ": " + where + e.problem(), e.hints(), e);
    }

    /** No layer set the value. */
    record Default() implements ConfigOrigin {
        @Override
        public String describe() {
            return "default";
        }
    }

    /**
     * A configuration file ({@code <home>/config.json} or a project's {@code .cocoatly/config.json}).
     *
     * @param jsonPath where in the file, e.g. {@code $.network.timeout_seconds}
     */
    record File(Path file, String jsonPath) implements ConfigOrigin {
        public File {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(jsonPath, "jsonPath");
        }

        @Override
        public String describe() {
            return file + ": " + jsonPath;
        }

        /** A file's errors already name the file and the path. */
        @Override
        public CocoatlyException error(InvalidFileException e) {
            return e;
        }
    }

    /** An environment variable, e.g. {@code COCOATLY_NETWORK_TIMEOUT_SECONDS}. */
    record Environment(String variable) implements ConfigOrigin {
        public Environment {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String describe() {
            return variable;
        }
    }

    /** A command-line flag, e.g. {@code --registry}. */
    record Flag(String flag) implements ConfigOrigin {
        public Flag {
            Objects.requireNonNull(flag, "flag");
        }

        @Override
        public String describe() {
            return flag;
        }
    }
}
