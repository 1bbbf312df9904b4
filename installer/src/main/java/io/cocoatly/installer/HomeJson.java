package io.cocoatly.installer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jackson for the files in the home ({@code config.json}, {@code state.json}): strict parsing into a
 * {@link HomeJsonCursor} with path-precise errors, and the same two-space pretty printing as the
 * lockfile so the files diff well.
 */
final class HomeJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)|\\s*at \\[Source:.*");

    private HomeJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Pretty UTF-8 text of {@code tree} with a trailing newline. */
    static byte[] bytes(JsonNode tree) {
        try {
            return (PRETTY.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises.
            throw new UncheckedIOException(e);
        }
    }

    /** @throws InvalidFileException if the bytes are not exactly one well-formed JSON value */
    static HomeJsonCursor parse(byte[] bytes, Path file, String code) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, file, code);
        } catch (IOException e) {
            throw new InvalidFileException(code, file, "$", "unreadable JSON: " + e.getMessage(), List.of());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidFileException(code, file, "$", "the file is empty", List.of("write a JSON object, e.g. {}"));
        }
        return HomeJsonCursor.root(root, file, code);
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

    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            chain.push(c);
        }
        String path = "$";
        for (JsonStreamContext c : chain) {
            if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = path + "[" + c.getCurrentIndex() + "]";
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = HomeJsonCursor.keyPath(path, c.getCurrentName());
            }
        }
        return path;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
