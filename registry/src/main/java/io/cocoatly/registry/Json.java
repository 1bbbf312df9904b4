package io.cocoatly.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place that configures Jackson: strict JSON in, a {@link JsonCursor} out, and every
 * syntax error turned into an {@link InvalidFileException} with line and column. A writer for index
 * files belongs here too when publishing needs one.
 */
final class Json {

    // Duplicate keys are an error rather than "last one wins": two different `tls` requirements in
    // one file are a mistake we should not silently resolve. Trailing content means a truncated or
    // concatenated file, so it is an error as well.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)|\\s*at \\[Source:.*");

    private Json() {
    }

    /**
     * Parses a whole document.
     *
     * @param file shown in error messages
     * @param code the error code for this kind of file, e.g. {@code invalid-registry}
     * @throws InvalidFileException if the bytes are not exactly one well-formed JSON value
     */
    static JsonCursor parse(byte[] bytes, Path file, String code) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, file, code);
        } catch (IOException e) {
            // readTree on a byte array does no I/O; anything else is a decoding failure.
            throw new InvalidFileException(code, file, "$", "unreadable JSON: " + e.getMessage(), List.of());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidFileException(code, file, "$", "the file is empty", List.of("write a JSON object"));
        }
        return JsonCursor.root(root, file, code);
    }

    private static InvalidFileException syntaxError(JsonProcessingException e, Path file, String code) {
        String path = "$";
        if (e.getProcessor() instanceof JsonParser) {
            path = path(((JsonParser) e.getProcessor()).getParsingContext());
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String original = SOURCE_NOISE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        var duplicate = DUPLICATE.matcher(original);
        String problem;
        if (duplicate.matches()) {
            problem = "duplicate key `" + duplicate.group(1) + "`" + where;
        } else if (e instanceof JsonEOFException) {
            problem = "malformed JSON" + where + ": the file ends too early";
        } else {
            problem = "malformed JSON" + where + ": " + lowerFirst(original);
        }
        return new InvalidFileException(code, file, path, problem, List.of());
    }

    /** The parser's position as a JSON path, e.g. {@code $.versions[2].dependencies.tls}. */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            chain.push(c);
        }
        String path = "$";
        for (JsonStreamContext c : chain) {
            if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = JsonCursor.indexPath(path, c.getCurrentIndex());
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = JsonCursor.keyPath(path, c.getCurrentName());
            }
        }
        return path;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
