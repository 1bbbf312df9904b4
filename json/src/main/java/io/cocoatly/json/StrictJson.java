package io.cocoatly.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place that configures Jackson: strict JSON in, a {@link JsonCursor} out, every syntax error
 * turned into an {@link InvalidFileException} with line and column; and the canonical pretty-printing
 * writers rely on for reproducible bytes.
 */
public final class StrictJson {

    // Duplicate keys are an error rather than "last one wins": two different `tls` requirements in
    // one file, or a merge gone wrong, must not be silently resolved. Trailing content means a
    // truncated or concatenated file, so it is an error as well (checked in parse). Only
    // jackson-core's streaming parser and generator are used: initialising databind's ObjectMapper
    // costs about 0.1 s of every command's start-up, and nothing here needs data binding.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    // Two-space indent, "\n" line ends, `"key": value`, `[]` and `{}` when empty: the same text as
    // JSON.stringify(value, null, 2) and Python's json.dumps(value, indent=2), so other tools can
    // reproduce the bytes.
    private static final DefaultPrettyPrinter CANONICAL = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));

    // Thrown as a parse error of its own, so it gets the line, column and path of the extra token.
    private static final String TRAILING = "content after the end of the JSON value (found %s): a file holds exactly one value";

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)|\\s*at \\[Source:.*");

    private StrictJson() {
    }

    /**
     * Parses a whole document.
     *
     * @param file shown in error messages
     * @param code the error code for this kind of file, e.g. {@code invalid-registry}
     * @param emptyFileHints the hints given when the file holds no value at all
     * @throws InvalidFileException if the bytes are not exactly one well-formed JSON value
     */
    public static JsonCursor parse(byte[] bytes, Path file, String code, String... emptyFileHints) {
        return parse(bytes, file.toString(), code, emptyFileHints);
    }

    /**
     * Parses a whole document that is named as text rather than a local path: a file of a registry
     * that is not a directory, or a value given in an environment variable.
     *
     * @param file shown in error messages, e.g. a URL
     * @throws InvalidFileException if the bytes are not exactly one well-formed JSON value
     */
    public static JsonCursor parse(byte[] bytes, String file, String code, String... emptyFileHints) {
        JsonNode root;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidFileException(code, file, "$", "the file is empty", List.of(emptyFileHints));
            }
            root = JsonTree.read(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, String.format(TRAILING, describe(trailing)), parser.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, file, code);
        } catch (IOException e) {
            // Parsing a byte array does no I/O; anything else is a decoding failure.
            throw new InvalidFileException(code, file, "$", "unreadable JSON: " + e.getMessage(), List.of());
        }
        return JsonCursor.root(root, file, code);
    }

    /**
     * A document holding one string, for a value that comes from outside any JSON text (an
     * environment variable, a command-line flag) and is to be validated by the same typed reads.
     *
     * @param source shown in error messages, e.g. the variable's name
     */
    public static JsonCursor string(String value, String source, String code) {
        return JsonCursor.root(JsonTree.NODES.textNode(value), source, code);
    }

    /** The canonical UTF-8 text of {@code tree}, with a trailing newline. */
    static byte[] canonical(JsonNode tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.setPrettyPrinter(CANONICAL.createInstance());
            JsonTree.write(tree, generator);
        } catch (IOException e) {
            // A tree of plain nodes written to a StringWriter always succeeds; anything else is a bug here.
            throw new UncheckedIOException(e);
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The text of {@code tree} on one line, without spaces: {@code ["sha256","blake3"]}. */
    static String compact(JsonNode tree) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            JsonTree.write(tree, generator);
        } catch (IOException e) {
            // As in canonical(): writing plain nodes to a StringWriter cannot fail.
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static InvalidFileException syntaxError(JsonProcessingException e, String file, String code) {
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
        } else if (original.startsWith("content after the end")) {
            problem = "malformed JSON" + where + ": " + original;
        } else {
            problem = "malformed JSON" + where + ": " + SyntaxProblems.translate(lowerFirst(original));
        }
        return new InvalidFileException(code, file, path, problem, List.of());
    }

    /**
     * What is wrong with bytes that are not JSON, in the words of {@link #parse}'s errors ("malformed
     * JSON at line L, column C: …"), for a reader that parses a looser format of its own with Jackson
     * (the {@code artifact} module's key files) and must not show Jackson's wording.
     *
     * @param e what the parse threw
     */
    public static String syntaxProblem(IOException e) {
        if (e instanceof JsonProcessingException p) {
            return syntaxError(p, "", "").problem();
        }
        return "unreadable JSON: " + e.getMessage();
    }

    /** A token as the trailing-content message names it. */
    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "`null`";
            default -> "`" + String.valueOf(token.asString()) + "`";
        };
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
