package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.InvalidFileException;

/** Reads {@code registry.json}, the file that marks a directory as a registry and names it. */
final class RegistryFile {

    /** The only layout this client reads. */
    static final int FORMAT = 1;

    private RegistryFile() {
    }

    /**
     * The registry's name, after checking that the format is one this client reads. The format is
     * checked first: a newer format may not have the other fields at all.
     *
     * @throws InvalidFileException with code {@code unsupported-registry-format} for any other format
     */
    static String read(JsonCursor root) {
        JsonCursor formatAt = root.required("format");
        long format = formatAt.integer();
        if (format != FORMAT) {
            throw new InvalidFileException("unsupported-registry-format", formatAt.file(), formatAt.path(),
                    "unsupported registry format `" + format + "`: this version of cocoatly reads format " + FORMAT,
                    java.util.List.of("a newer cocoatly may read this registry; check for an update"));
        }
        JsonCursor nameAt = root.required("name");
        String name = nameAt.string();
        if (name.isBlank()) {
            throw nameAt.error("the registry name must not be empty");
        }
        return name;
    }
}
