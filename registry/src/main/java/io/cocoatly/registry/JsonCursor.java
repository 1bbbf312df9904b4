package io.cocoatly.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A position in a parsed document: a JSON value together with its path and file, so every typed
 * read can fail with an {@link InvalidFileException} that says exactly where the problem is.
 */
final class JsonCursor {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final JsonNode node;
    private final String path;
    private final Path file;
    private final String code;

    private JsonCursor(JsonNode node, String path, Path file, String code) {
        this.node = node;
        this.path = path;
        this.file = file;
        this.code = code;
    }

    static JsonCursor root(JsonNode node, Path file, String code) {
        return new JsonCursor(node, "$", file, code);
    }

    /** {@code $.a.b} for plain keys, {@code $['json.x']} for keys that need quoting. */
    static String keyPath(String parent, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String indexPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    String path() {
        return path;
    }

    Path file() {
        return file;
    }

    /** An error at this position. */
    InvalidFileException error(String problem, String... hints) {
        return new InvalidFileException(code, file, path, problem, List.of(hints));
    }

    /** The value under {@code key}, which must be present. */
    JsonCursor required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key `" + key + "`"));
    }

    /** The value under {@code key}, if present; an explicit {@code null} counts as present. */
    Optional<JsonCursor> optional(String key) {
        JsonNode child = expect(node.isObject(), "an object").node.get(key);
        return child == null ? Optional.empty() : Optional.of(new JsonCursor(child, keyPath(path, key), file, code));
    }

    /** The members of an object, in document order. */
    List<Map.Entry<String, JsonCursor>> entries() {
        expect(node.isObject(), "an object");
        List<Map.Entry<String, JsonCursor>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.add(new SimpleImmutableEntry<>(e.getKey(), new JsonCursor(e.getValue(), keyPath(path, e.getKey()), file, code)));
        }
        return entries;
    }

    /** The elements of an array, in order. */
    List<JsonCursor> elements() {
        expect(node.isArray(), "an array");
        List<JsonCursor> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonCursor(node.get(i), indexPath(path, i), file, code));
        }
        return elements;
    }

    /**
     * Fails on the first key not in {@code known}, suggesting a known key that looks like a typo of
     * it.
     */
    void rejectUnknownKeys(Set<String> known) {
        for (Map.Entry<String, JsonCursor> e : entries()) {
            if (!known.contains(e.getKey())) {
                String hint = Typos.closest(e.getKey(), known)
                        .map(k -> "did you mean `" + k + "`?")
                        .orElse("known keys are " + Typos.list(known));
                throw error("unknown key `" + e.getKey() + "`", hint);
            }
        }
    }

    String string() {
        return expect(node.isTextual(), "a string").node.textValue();
    }

    boolean bool() {
        return expect(node.isBoolean(), "a boolean").node.booleanValue();
    }

    /** An integer that fits in a {@code long}; {@code 1.0} and {@code 1e3} are not integers. */
    long integer() {
        expect(node.isIntegralNumber(), "an integer");
        if (!node.canConvertToLong()) {
            throw error("integer out of range: " + node.asText());
        }
        return node.longValue();
    }

    private JsonCursor expect(boolean ok, String expected) {
        if (!ok) {
            throw error("expected " + expected + ", found " + describe(node));
        }
        return this;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        } else if (node.isArray()) {
            return "an array";
        } else if (node.isTextual()) {
            return "a string";
        } else if (node.isIntegralNumber()) {
            return "an integer";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        } else if (node.isNull()) {
            return "null";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
