package io.cocoatly.testkit;

import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One meaningful line of a scenario file (comment stripped, not blank), remembered with its number so
 * that every error can point at it.
 *
 * @param file   the file, for messages
 * @param number 1-based line number
 * @param text   the line without its comment and trailing blanks, leading indentation removed
 */
record ScenarioLine(Path file, int number, String text) {

    static final String CODE = "invalid-scenario";

    /** The error for a problem on this line: {@code <file>: line <n>: <problem>}. */
    InvalidFileException error(String problem, String... hints) {
        return errorAt(file, "line " + number, problem, hints);
    }

    /** An error at a place that is not one line, such as {@code end of file}. */
    static InvalidFileException errorAt(Path file, String location, String problem, String... hints) {
        return new InvalidFileException(CODE, file, location, problem, List.of(hints));
    }
}
