package io.cocoatly.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocoatly.model.InvalidFileException;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A position in a parsed document: a JSON value together with its path and file, so every typed
 * read can fail with an {@link InvalidFileException} that says exactly where the problem is.
 * Immutable (its path is spelt out on first use, the same string on any thread); every read that
 * finds the wrong kind of value throws rather than returning null.
 */
public final class JsonCursor {

    private final JsonNode node;
    // The path is spelt out only when asked for (an error, mostly): a registry index has hundreds of
    // thousands of positions, and building each one's path string was a visible part of reading it.
    private final JsonCursor parent;
    private final String key;
    private final int index;
    private final String file;
    private final String code;
    private String path;

    private JsonCursor(JsonNode node, JsonCursor parent, String key, int index, String file, String code) {
        this.node = node;
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.file = file;
        this.code = code;
    }

    static JsonCursor root(JsonNode node, String file, String code) {
        return new JsonCursor(node, null, null, -1, file, code);
    }

    /** {@code $.a.b} for plain keys ({@code [A-Za-z_][A-Za-z0-9_-]*}), {@code $['json.x']} for keys that need quoting. */
    public static String keyPath(String parent, String key) {
        if (isPlainKey(key)) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    // The grammar written out rather than as a regular expression: matching one costs more on a short
    // command's cold path than the whole check.
    private static boolean isPlainKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    static String indexPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    JsonNode node() {
        return node;
    }

    /** This position as a JSON path, e.g. {@code $.versions[2].dependencies.tls}. */
    public String path() {
        String p = path;
        if (p == null) {
            p = parent == null ? "$" : key != null ? keyPath(parent.path(), key) : indexPath(parent.path(), index);
            path = p;
        }
        return p;
    }

    /** The file as errors name it: a path, a URL, or whatever else the document came from. */
    public String file() {
        return file;
    }

    /** An error at this position, with this file's error code. */
    public InvalidFileException error(String problem, String... hints) {
        return new InvalidFileException(code, file, path(), problem, List.of(hints));
    }

    /** The value under {@code key}, which must be present. */
    public JsonCursor required(String key) {
        return optional(key).orElseThrow(() -> error("missing required key `" + key + "`"));
    }

    /** The value under {@code key}, if present; an explicit {@code null} counts as present. */
    public Optional<JsonCursor> optional(String key) {
        JsonNode child = expect(node.isObject(), "an object").node.get(key);
        return child == null ? Optional.empty() : Optional.of(new JsonCursor(child, this, key, -1, file, code));
    }

    /** The members of an object, in document order. */
    public List<Map.Entry<String, JsonCursor>> entries() {
        expect(node.isObject(), "an object");
        List<Map.Entry<String, JsonCursor>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.add(new SimpleImmutableEntry<>(e.getKey(), new JsonCursor(e.getValue(), this, e.getKey(), -1, file, code)));
        }
        return entries;
    }

    /** The keys of an object, in document order. */
    public List<String> keys() {
        expect(node.isObject(), "an object");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    /** The elements of an array, in order. */
    public List<JsonCursor> elements() {
        expect(node.isArray(), "an array");
        List<JsonCursor> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonCursor(node.get(i), this, null, i, file, code));
        }
        return elements;
    }

    /**
     * Fails on the first key not in {@code known}, suggesting a known key that looks like a typo of
     * it, for hand-written files.
     */
    public JsonCursor rejectUnknownKeys(Set<String> known) {
        for (String key : keys()) {
            if (!known.contains(key)) {
                String hint = Typos.closest(key, known)
                        .map(k -> "did you mean `" + k + "`?")
                        .orElse("known keys are " + Typos.list(known));
                throw error("unknown key `" + key + "`", hint);
            }
        }
        return this;
    }

    /**
     * Fails on the first key not in {@code known}, listing every known key: for machine-written files,
     * where an unknown key is a mistake of a tool rather than a typo.
     */
    public JsonCursor rejectUnknownKeysListingAll(Set<String> known) {
        for (String key : keys()) {
            if (!known.contains(key)) {
                String list = new TreeSet<>(known).stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "));
                throw error("unknown key `" + key + "`", "known keys here are " + list);
            }
        }
        return this;
    }

    /** Whether the value is JSON {@code null}. */
    public boolean isNull() {
        return node.isNull();
    }

    /** Whether the value is a JSON string, for a value that may be written as a string or a number. */
    public boolean isString() {
        return node.isTextual();
    }

    /** Requires an object; for sections that have nothing to read yet but must have the right shape. */
    public JsonCursor object() {
        return expect(node.isObject(), "an object");
    }

    /** The value as a string. */
    public String string() {
        return expect(node.isTextual(), "a string").node.textValue();
    }

    /** The value as a boolean. */
    public boolean bool() {
        return expect(node.isBoolean(), "a boolean").node.booleanValue();
    }

    /** An integer that fits in a {@code long}; {@code 1.0} and {@code 1e3} are not integers. */
    public long integer() {
        expect(node.isIntegralNumber(), "an integer");
        if (!node.canConvertToLong()) {
            throw error("integer out of range: " + node.asText());
        }
        return node.longValue();
    }

    /** An integer in {@code [min, max]}. */
    public int integer(int min, int max) {
        long value = integer();
        if (value < min || value > max) {
            throw error("expected an integer from " + min + " to " + max + ", found " + value);
        }
        return (int) value;
    }

    /** The canonical text of the value here, for an embedded document read by its own reader. */
    public byte[] canonicalBytes() {
        return StrictJson.canonical(node);
    }

    /** The value here as JSON text on one line, e.g. {@code ["sha256","blake3"]}, for showing it to people. */
    public String compactText() {
        return StrictJson.compact(node);
    }

    private JsonCursor expect(boolean ok, String expected) {
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
