package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The canonical layout: what {@code JSON.stringify(value, null, 2)} prints, plus a newline. */
class JsonObjectTest {

    private static String text(JsonValue value) {
        return new String(value.canonicalBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheCanonicalLayoutInInsertionOrder() {
        JsonObject root = JsonObject.create().put("z", "last?").put("size", 12).put("ok", true).putNull("none")
                .put("missing", (String) null);
        root.putObject("empty");
        root.putArray("list").add("a").add(2);
        root.putArray("nested").addArray().addObject().put("k", "v");
        assertEquals("{\n"
                + "  \"z\": \"last?\",\n"
                + "  \"size\": 12,\n"
                + "  \"ok\": true,\n"
                + "  \"none\": null,\n"
                + "  \"missing\": null,\n"
                + "  \"empty\": {},\n"
                + "  \"list\": [\n"
                + "    \"a\",\n"
                + "    2\n"
                + "  ],\n"
                + "  \"nested\": [\n"
                + "    [\n"
                + "      {\n"
                + "        \"k\": \"v\"\n"
                + "      }\n"
                + "    ]\n"
                + "  ]\n"
                + "}\n", text(root));
        assertEquals("[]\n", text(JsonArray.create()));
    }

    @Test
    void aCopiedObjectIsIndependentOfItsSource() {
        JsonCursor parsed = StrictJson.parse("{\"a\": {\"b\": 1}}".getBytes(StandardCharsets.UTF_8), Path.of("f"), "c");
        JsonObject copy = JsonObject.copyOf(parsed.required("a")).put("c", 2);
        assertEquals("{\n  \"b\": 1,\n  \"c\": 2\n}\n", text(copy));
        assertEquals("{\n  \"b\": 1\n}\n", new String(parsed.required("a").canonicalBytes(), StandardCharsets.UTF_8));
        assertEquals("{\n  \"x\": {\n    \"b\": 1\n  }\n}\n", text(JsonObject.create().set("x", parsed.required("a"))));
    }

    @Property
    void stringsSurviveAWriteAndAStrictRead(@ForAll String key, @ForAll String value) {
        byte[] bytes = JsonObject.create().put(key, value).canonicalBytes();
        JsonCursor back = StrictJson.parse(bytes, Path.of("f"), "c");
        assertEquals(value, back.required(key).string());
    }
}
