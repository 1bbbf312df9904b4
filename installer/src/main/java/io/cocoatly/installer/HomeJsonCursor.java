package io.cocoatly.installer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in a parsed home file: a JSON value with its path, so every typed read fails with an
 * {@link InvalidFileException} naming the file, the JSON path and the problem.
 */
final class HomeJsonCursor {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final JsonNode node;
    private final String path;
    private final Path file;
    private final String code;

    private HomeJsonCursor(JsonNode node, String path, Path file, String code) {
        this.node = node;
        this.path = path;
        this.file = file;
        this.code = code;
    }

    static HomeJsonCursor root(JsonNode node, Path file, String code) {
        return new HomeJsonCursor(node, "$", file, code);
    }

    /** {@code $.a.b} for plain keys, {@code $['x.y']} for keys that need quoting. */
    static String keyPath(String parent, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The raw value, for embedded documents (a lockfile or state inside a request) read by their own reader. */
    JsonNode node() {
        return node;
    }

    String path() {
        return path;
    }

    InvalidFileException error(String problem, String... hints) {
        return new InvalidFileException(code, file, path, problem, List.of(hints));
    }

    HomeJsonCursor required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key `" + key + "`"));
    }

    /** The value under {@code key}, if present; an explicit {@code null} counts as present. */
    Optional<HomeJsonCursor> optional(String key) {
        JsonNode child = expect(node.isObject(), "an object").node.get(key);
        return child == null ? Optional.empty() : Optional.of(new HomeJsonCursor(child, keyPath(path, key), file, code));
    }

    /** The keys of an object, in document order. */
    List<String> keys() {
        expect(node.isObject(), "an object");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    List<HomeJsonCursor> elements() {
        expect(node.isArray(), "an array");
        List<HomeJsonCursor> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new HomeJsonCursor(node.get(i), path + "[" + i + "]", file, code));
        }
        return elements;
    }

    boolean isNull() {
        return node.isNull();
    }

    /** Requires an object; for sections that have nothing to read yet but must have the right shape. */
    HomeJsonCursor object() {
        return expect(node.isObject(), "an object");
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

    /** An integer in {@code [min, max]}. */
    int integer(int min, int max) {
        long value = integer();
        if (value < min || value > max) {
            throw error("expected an integer from " + min + " to " + max + ", found " + value);
        }
        return (int) value;
    }

    private HomeJsonCursor expect(boolean ok, String expected) {
        if (!ok) {
            throw error("expected " + expected + ", found " + describe(node));
        }
        return this;
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: return "an object";
            case ARRAY: return "an array";
            case STRING: return "a string";
            case NUMBER: return node.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return node.getNodeType().toString().toLowerCase(Locale.ROOT);
        }
    }
}
