package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Typed reads that fail with the exact path and a message naming what was expected and found. */
class JsonCursorTest {

    private static JsonCursor parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("f.json"), "invalid-test");
    }

    private static String problem(Executable read) {
        InvalidFileException e = assertThrows(InvalidFileException.class, read);
        return e.jsonPath() + ": " + e.problem() + (e.hints().isEmpty() ? "" : " / " + String.join(" / ", e.hints()));
    }

    @Test
    void wrongKindsNameWhatWasExpectedAndFound() {
        JsonCursor root = parse("{\"s\": 1, \"n\": 1.5, \"b\": null, \"o\": [], \"a\": {}, \"i\": \"x\"}");
        assertEquals("$.s: expected a string, found an integer", problem(() -> root.required("s").string()));
        assertEquals("$.n: expected an integer, found a number", problem(() -> root.required("n").integer()));
        assertEquals("$.b: expected a boolean, found null", problem(() -> root.required("b").bool()));
        assertEquals("$.o: expected an object, found an array", problem(() -> root.required("o").keys()));
        assertEquals("$.a: expected an array, found an object", problem(() -> root.required("a").elements()));
        assertEquals("$.i: expected an integer, found a string", problem(() -> root.required("i").integer()));
        assertEquals("$: missing required key `x`", problem(() -> root.required("x")));
    }

    @Test
    void aKeyIsQuotedInAPathExactlyWhenItIsNotPlain() {
        // The grammar is written out for speed; the regular expression it replaces is the oracle.
        java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
        List<String> keys = List.of("", "a", "Z", "_", "-", "-a", "0", "a0", "a-b_c", "a.b", "a b", "é", "a'", "a\\", "9x",
                "x9", "A_Z-09", "[", "a]", "zz", "@", "`", "{", "/");
        for (String key : keys) {
            String expected = plain.matcher(key).matches() ? "$." + key
                    : "$['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
            assertEquals(expected, JsonCursor.keyPath("$", key), key);
        }
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ_-09.' \\";
        for (int n = 0; n < 2000; n++) {
            StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(5); i > 0; i--) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String k = key.toString();
            assertEquals(plain.matcher(k).matches(), JsonCursor.keyPath("$", k).equals("$." + k), k);
        }
    }

    @Test
    void aDeepPositionsPathIsSpeltOutWhenAskedFor() {
        JsonCursor root = parse("{\"versions\": [{\"x\": 1}, {\"dependencies\": {\"a.b\": {\"it's\": [5]}}}]}");
        JsonCursor deep = root.required("versions").elements().get(1).required("dependencies").required("a.b")
                .required("it's").elements().get(0);
        assertEquals("$.versions[1].dependencies['a.b']['it\\'s'][0]", deep.path());
        assertEquals("$.versions[1].dependencies['a.b']['it\\'s'][0]: expected a string, found an integer",
                problem(deep::string));
        assertEquals("$", root.path());
    }

    @Test
    void integersMustFitAndBeInRange() {
        JsonCursor root = parse("{\"big\": 99999999999999999999, \"n\": 7}");
        assertEquals("$.big: integer out of range: 99999999999999999999", problem(() -> root.required("big").integer()));
        assertEquals(7, root.required("n").integer(1, 10));
        assertEquals("$.n: expected an integer from 1 to 5, found 7", problem(() -> root.required("n").integer(1, 5)));
    }

    @Test
    void walksObjectsAndArraysInDocumentOrderWithPaths() {
        JsonCursor root = parse("{\"z\": [true, false], \"a.b\": null}");
        assertEquals(List.of("z", "a.b"), root.keys());
        assertEquals(List.of("$.z", "$['a.b']"),
                root.entries().stream().map(e -> e.getValue().path()).collect(Collectors.toList()));
        List<JsonCursor> elements = root.required("z").elements();
        assertEquals(List.of("$.z[0]", "$.z[1]"), elements.stream().map(JsonCursor::path).collect(Collectors.toList()));
        assertEquals(false, elements.get(1).bool());
        assertEquals(true, root.required("a.b").isNull());
        assertEquals(true, root.optional("missing").isEmpty());
    }

    @Test
    void unknownKeysInHandWrittenFilesGetASuggestion() {
        JsonCursor root = parse("{\"name\": \"x\", \"dependecies\": {}}");
        Set<String> known = Set.of("name", "version", "dependencies");
        assertEquals("$: unknown key `dependecies` / did you mean `dependencies`?", problem(() -> root.rejectUnknownKeys(known)));
        JsonCursor other = parse("{\"zzz\": 1}");
        assertEquals("$: unknown key `zzz` / known keys are `dependencies`, `name` and `version`",
                problem(() -> other.rejectUnknownKeys(known)));
    }

    @Test
    void unknownKeysInMachineWrittenFilesListEveryKnownKey() {
        JsonCursor root = parse("{\"name\": \"x\", \"nam\": 1}");
        assertEquals("$: unknown key `nam` / known keys here are `name`, `version`",
                problem(() -> root.rejectUnknownKeysListingAll(Set.of("version", "name"))));
        assertEquals(root, root.rejectUnknownKeysListingAll(Set.of("name", "nam")));
    }

    @Test
    void anEmbeddedDocumentIsWrittenCanonically() {
        JsonCursor root = parse("{\"inner\": {\"b\":1,\"a\":[ ]}}");
        assertEquals("{\n  \"b\": 1,\n  \"a\": []\n}\n",
                new String(root.required("inner").canonicalBytes(), StandardCharsets.UTF_8));
    }
}
