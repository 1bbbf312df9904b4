package io.cocoatly.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.SyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON envelope every {@code --json} command prints: {@code {"success", "data", "error"}}.
 * Exactly one is written per invocation, on stdout.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Envelope(boolean success, Object data, Map<String, Object> error) {

    static Envelope success(Object data) {
        return new Envelope(true, data, null);
    }

    /** A failure; the error carries the code, the message, hints and whatever details the kind has. */
    static Envelope failure(CocoatlyException e) {
        return failure(e, null, Map.of());
    }

    static Envelope failure(CocoatlyException e, Object data, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("hints", List.copyOf(e.hints()));
        if (e instanceof SyntaxException s) {
            error.put("input", s.input());
            error.put("position", s.position());
            error.put("expected", s.expected());
        }
        if (e instanceof InvalidFileException f) {
            error.put("file", f.file());
            error.put("path", f.jsonPath());
            error.put("problem", f.problem());
        }
        error.putAll(details);
        return new Envelope(false, data, error);
    }
}
