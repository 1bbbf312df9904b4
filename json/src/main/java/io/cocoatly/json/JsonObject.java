package io.cocoatly.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A mutable JSON object whose members keep the order they were put in. */
public final class JsonObject extends JsonValue {

    private final ObjectNode node;

    JsonObject(ObjectNode node) {
        this.node = node;
    }

    /** A new empty object. */
    public static JsonObject create() {
        return new JsonObject(JsonTree.NODES.objectNode());
    }

    /** A mutable copy of the object {@code at} points at; fails at {@code at} if it is not an object. */
    public static JsonObject copyOf(JsonCursor at) {
        return new JsonObject(((ObjectNode) at.object().node()).deepCopy());
    }

    @Override
    ObjectNode node() {
        return node;
    }

    /** Puts a string; a null {@code value} is written as JSON {@code null}. */
    public JsonObject put(String key, String value) {
        node.put(key, value);
        return this;
    }

    /** Puts an integer. */
    public JsonObject put(String key, long value) {
        node.put(key, value);
        return this;
    }

    /** Puts a boolean. */
    public JsonObject put(String key, boolean value) {
        node.put(key, value);
        return this;
    }

    /** Puts JSON {@code null}. */
    public JsonObject putNull(String key) {
        node.putNull(key);
        return this;
    }

    /** Puts a new empty object and returns it for filling. */
    public JsonObject putObject(String key) {
        return new JsonObject(node.putObject(key));
    }

    /** Puts a new empty array and returns it for filling. */
    public JsonArray putArray(String key) {
        return new JsonArray(node.putArray(key));
    }

    /** Puts a document built elsewhere (shared, not copied). */
    public JsonObject set(String key, JsonValue value) {
        node.set(key, value.node());
        return this;
    }

    /** Removes {@code key}; the other members keep their order. Returns whether it was there. */
    public boolean remove(String key) {
        return node.remove(key) != null;
    }

    /** Whether the object has no members. */
    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** Puts the value a cursor points at, e.g. part of a parsed document passed on unchanged. */
    public JsonObject set(String key, JsonCursor value) {
        node.set(key, value.node());
        return this;
    }
}
