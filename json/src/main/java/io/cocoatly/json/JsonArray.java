package io.cocoatly.json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** A mutable JSON array. */
public final class JsonArray extends JsonValue {

    private final ArrayNode node;

    JsonArray(ArrayNode node) {
        this.node = node;
    }

    /** A new empty array. */
    public static JsonArray create() {
        return new JsonArray(JsonTree.NODES.arrayNode());
    }

    @Override
    ArrayNode node() {
        return node;
    }

    /** Appends a string; a null {@code value} is written as JSON {@code null}. */
    public JsonArray add(String value) {
        node.add(value);
        return this;
    }

    /** Appends an integer. */
    public JsonArray add(long value) {
        node.add(value);
        return this;
    }

    /** Appends a new empty array and returns it for filling. */
    public JsonArray addArray() {
        return new JsonArray(node.addArray());
    }

    /** Appends a new empty object and returns it for filling. */
    public JsonObject addObject() {
        return new JsonObject(node.addObject());
    }
}
