package io.cocoatly.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A data file (registry index, manifest, lockfile, configuration) that is malformed: the message
 * names the file, the JSON path inside it and the problem. Readers throw it before using anything
 * from the file, so nothing half-read is ever used.
 */
public final class InvalidFileException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String jsonPath;
    private final String problem;

    /**
     * @param code     e.g. {@code invalid-manifest}, {@code invalid-registry}
     * @param file     the file as the user would name it
     * @param jsonPath JSONPath-like location, {@code $} for the whole document
     * @param problem  what is wrong, e.g. {@code expected a string, found a number}
     */
    public InvalidFileException(String code, Path file, String jsonPath, String problem, List<String> hints) {
        this(code, file.toString(), jsonPath, problem, hints);
    }

    /**
     * The same for a file that is named as text rather than a local path, such as a file of a
     * registry that is not a directory.
     *
     * @param file the file as the user would name it, e.g. a path or a URL
     */
    public InvalidFileException(String code, String file, String jsonPath, String problem, List<String> hints) {
        super(ErrorKind.INVALID_INPUT, code, file + ": " + jsonPath + ": " + problem, hints);
        this.file = file;
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String jsonPath() {
        return jsonPath;
    }

    public String problem() {
        return problem;
    }
}
