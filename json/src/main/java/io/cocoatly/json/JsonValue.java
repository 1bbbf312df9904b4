package io.cocoatly.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON document under construction: an object or an array, written in the canonical form. */
public abstract class JsonValue {

    JsonValue() {
    }

    abstract JsonNode node();

    /**
     * Two-space indented UTF-8 text with {@code "\n"} line ends and a trailing newline: the same bytes
     * as {@code JSON.stringify(value, null, 2)}, so other tools can reproduce them.
     */
    public final byte[] canonicalBytes() {
        return StrictJson.canonical(node());
    }
}
