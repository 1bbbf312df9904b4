package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of the audit lines: escaping that keeps one valid line, and reading it back. */
class JsonTextTest {

    private static final List<String> TRICKY = List.of("", "plain", "quote \" and backslash \\ and slash /",
            "new\nline\rreturn\ttab\bback\fform", "\u0000nul \u001f unit separator \u007f del",
            "line separator \u2028 paragraph \u2029", "é ü ß 中文 emoji \uD83D\uDE00", "lone high \uD800 and low \uDC00",
            "`backticks` and {\"json\": [1, 2]}", "C:\\Program Files\\x", "end with backslash \\");

    @Test
    void everyTrickyStringSurvivesARoundTrip() {
        for (String s : TRICKY) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(s, s);
            map.put("list", List.of(s, s));
            String json = JsonText.write(map);
            assertEquals(map, JsonText.parse(json), () -> "round trip of " + json);
        }
    }

    @Test
    void theTextIsOneLineOfValidUtf8WhateverTheStringHolds() {
        String json = JsonText.write(List.copyOf(TRICKY));
        assertFalse(json.contains("\n") || json.contains("\r") || json.contains("\u2028") || json.contains("\u2029"), json);
        assertFalse(json.chars().anyMatch(c -> c < 0x20), json);
        // Lone surrogates are escaped, so encoding to UTF-8 and back loses nothing.
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(json, new String(utf8, StandardCharsets.UTF_8));
    }

    @Test
    void escapesAreExactlyJsons() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001e\\u2028f\\ud800g\u007f\"",
                JsonText.write("a\"b\\c\nd\u0001e\u2028f\uD800g\u007f"));
        assertEquals("{\"k\":[null,true,false,12,\"x\"]}", JsonText.write(Map.of("k", Arrays.asList(null, true, false, 12L, "x"))));
    }

    @Test
    void readsWhatOtherWritersWrite() {
        assertEquals(Map.of("a", List.of(1L, -2L, 2.5, "\u00e9/"), "b", Map.of()),
                JsonText.parse(" { \"a\" : [ 1 , -2, 2.5, \"\\u00e9\\/\" ] , \"b\" : { } } "));
    }

    @Test
    void badTextIsRefusedWithWhereItWentWrong() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1 2]", "\"open", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "tru",
                "\"raw\ncontrol\"", "\"\\x\"", "{\"a\":1", "nul")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonText.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertEquals("trailing content at offset 7",
                assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\":1}x")).getMessage());
    }
}
