package io.cocoatly.registry.http;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import java.util.Optional;

/** The little the client reads of a file itself, before the registry reader parses it for real. */
final class JsonCheck {

    private JsonCheck() {
    }

    /** Whether {@code bytes} are one well-formed JSON document: only then may they enter the cache. */
    static boolean parses(byte[] bytes, String url) {
        try {
            StrictJson.parse(bytes, url, "invalid-registry");
            return true;
        } catch (CocoatlyException e) {
            return false;
        }
    }

    /** Whether {@code registry.json} says {@code "auth_required": true}; false for anything unreadable. */
    static boolean authRequired(byte[] registryJson) {
        try {
            Optional<JsonCursor> flag = StrictJson.parse(registryJson, "registry.json", "invalid-registry")
                    .optional("auth_required");
            return flag.isPresent() && flag.get().bool();
        } catch (CocoatlyException e) {
            return false;
        }
    }
}
