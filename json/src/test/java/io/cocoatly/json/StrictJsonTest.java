package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syntax errors become {@link InvalidFileException}s with the code, file, JSON path, line and column. */
class StrictJsonTest {

    private static final Path FILE = Path.of("index", "http.json");

    private static InvalidFileException error(String json, String... emptyHints) {
        return assertThrows(InvalidFileException.class,
                () -> StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), FILE, "invalid-test", emptyHints));
    }

    @Test
    void duplicateKeysAreErrorsAtTheirPath() {
        InvalidFileException e = error("{\"versions\": [{}, {}, {\"dependencies\": {\"tls\": \"1\", \"tls\": \"2\"}}]}");
        assertEquals("invalid-test", e.code());
        assertEquals(FILE.toString(), e.file());
        assertEquals("$.versions[2].dependencies.tls", e.jsonPath());
        // Jackson reports the position just after the repeated key.
        assertEquals("duplicate key `tls` at line 1, column 58", e.problem());
    }

    @Test
    void truncatedFilesEndTooEarly() {
        InvalidFileException e = error("{\"name\": \"http\",\n  \"versions\": [{\"version\": ");
        assertEquals("$.versions[0].version", e.jsonPath());
        assertEquals("malformed JSON at line 2, column 28: the file ends too early", e.problem());
    }

    @Test
    void trailingContentIsAnError() {
        InvalidFileException e = error("{} {}");
        assertEquals("$", e.jsonPath());
        assertEquals(true, e.problem().startsWith("malformed JSON at line 1, column 4: "), e.problem());
    }

    @Test
    void trailingContentIsNamedInCocoatlysWordsNotJacksons() {
        assertEquals("malformed JSON at line 1, column 5: content after the end of the JSON value (found an array):"
                + " a file holds exactly one value", error("[1] [2]").problem());
        assertEquals("$[0]", error("[1] [2]").jsonPath());
    }

    @Test
    void numbersKeepTheirKindThroughParseAndCanonicalText() {
        String json = "{\"i\": -5, \"l\": 9223372036854775807, \"b\": 123456789012345678901234567890,"
                + " \"d\": 1.50, \"e\": 1e3, \"s\": \"\\u00e9\\n\", \"t\": true, \"z\": null}";
        byte[] canonical = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), FILE, "invalid-test").canonicalBytes();
        assertEquals("{\n  \"i\": -5,\n  \"l\": 9223372036854775807,\n  \"b\": 123456789012345678901234567890,\n"
                + "  \"d\": 1.5,\n  \"e\": 1000.0,\n  \"s\": \"\u00e9\\n\",\n  \"t\": true,\n  \"z\": null\n}\n",
                new String(canonical, StandardCharsets.UTF_8));
        assertEquals(new String(canonical, StandardCharsets.UTF_8), new String(
                StrictJson.parse(canonical, FILE, "invalid-test").canonicalBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void keysThatNeedQuotingAreQuotedInPaths() {
        assertEquals("$['a.b'][0]['it\\'s']", error("{\"a.b\": [{\"it's\": 1, \"it's\": 2}]}").jsonPath());
    }

    @Test
    void anEmptyFileGetsTheCallersHints() {
        InvalidFileException e = error("  \n", "write a JSON object, e.g. {}");
        assertEquals("$", e.jsonPath());
        assertEquals("the file is empty", e.problem());
        assertEquals(List.of("write a JSON object, e.g. {}"), e.hints());
        assertEquals(List.of(), error("").hints());
    }

    @Test
    void aWellFormedDocumentIsReadable() {
        JsonCursor root = StrictJson.parse("{\"name\": \"http\", \"size\": 12}".getBytes(StandardCharsets.UTF_8), FILE, "c");
        assertEquals("http", root.required("name").string());
        assertEquals(12, root.required("size").integer());
        assertEquals("$.size", root.required("size").path());
        assertEquals(FILE.toString(), root.file());
    }

    @Test
    void aDocumentNamedAsTextIsNamedSoInErrors() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> StrictJson.parse(
                "{\"a\": [1,]}".getBytes(StandardCharsets.UTF_8), "https://registry.example/index/http.json", "c"));
        assertEquals("https://registry.example/index/http.json", e.file());
        assertTrue(e.getMessage().startsWith("https://registry.example/index/http.json: $.a[1]: malformed JSON"),
                e.getMessage());
    }

    @Test
    void aStringFromOutsideAnyDocumentIsReadLikeOneInside() {
        JsonCursor value = StrictJson.string("30", "COCOATLY_NETWORK_RETRIES", "invalid-config");
        assertEquals("30", value.string());
        assertEquals("$", value.path());
        InvalidFileException e = assertThrows(InvalidFileException.class, value::integer);
        assertEquals("COCOATLY_NETWORK_RETRIES: $: expected an integer, found a string", e.getMessage());
    }
}
