package io.cocoatly.registry;

import io.cocoatly.model.PackageName;
import java.util.Objects;

/**
 * A release entry of an index file that could not be read and was left out, while the package's
 * other releases were kept (docs/registry-protocol.md, "Index files and bad entries"). A registry
 * is shared data kept for ever, so one bad entry must not make the whole registry unusable; this
 * record is how the reader says what it skipped.
 *
 * @param name     the package whose index file holds the entry
 * @param file     the file as its source describes it: a path for a directory, a URL over HTTP
 * @param jsonPath where the problem is, e.g. {@code $.versions[3].version}
 * @param problem  what is wrong, e.g. {@code duplicate version `1.0.0+b`: already listed at ...}
 */
public record LeftOutRelease(PackageName name, String file, String jsonPath, String problem) {

    /** The words every warning about a left-out entry ends with. */
    public static final String SUFFIX = "; left out";

    /** @throws NullPointerException if a component is null */
    public LeftOutRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jsonPath, "jsonPath");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * The warning as text and JSON output give it: {@code <file>: <json path>: <problem>; left out}.
     */
    public String text() {
        return file + ": " + jsonPath + ": " + problem + SUFFIX;
    }
}
