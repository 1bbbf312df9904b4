package io.cocoatly.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@link SyntaxProblems}, with an input that makes jackson-core give the message it
 * rewrites: the problem is said in Cocoatly's words, and none of Jackson's (class names, feature
 * flags, "(code N)") comes through.
 */
class SyntaxProblemsTest {

    static Stream<Arguments> malformed() {
        String value = "expected a value (a string, number, object, array, `true`, `false` or `null`), found ";
        return Stream.of(
                Arguments.of("{\"a\": 1,}", "$.a", "line 1, column 9: expected a key in double quotes, found `}`"),
                Arguments.of("{'a': 1}", "$", "line 1, column 2: expected a key in double quotes, found `'`:"
                        + " JSON strings take double quotes"),
                Arguments.of("{\"a\" 1}", "$.a", "line 1, column 6: expected `:` after the key, found `1`"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "$.a", "line 1, column 9: expected `,` or `}` after the value, found `\"`"),
                Arguments.of("[1 2]", "$[1]", "line 1, column 4: expected `,` or `]` after the value, found `2`"),
                Arguments.of("[1,,2]", "$[1]", "line 1, column 4: " + value + "`,`"),
                Arguments.of("{\"a\": tru}", "$.a", "line 1, column 7: " + value + "`tru`"),
                Arguments.of("// note\n{}", "$", "line 1, column 1: JSON has no comments, found `/`"),
                Arguments.of("{\"a\": -}", "$.a", "line 1, column 8: malformed number: expected a digit after `-`, found `}`"),
                Arguments.of("{\"a\": 1e}", "$.a", "line 1, column 9: malformed number: expected a digit after the exponent's"
                        + " `e`, found `}`"),
                Arguments.of("{\"a\": 01}", "$.a", "line 1, column 8: malformed number: a leading zero"),
                Arguments.of("{\"a\": NaN}", "$.a", "line 1, column 10: `NaN` is not a JSON number"),
                Arguments.of("{\"a\": 1]", "$.a", "line 1, column 8: found `]` where `}` was expected to close the open object"),
                Arguments.of("{\"a\": 1}}", "$", "line 1, column 9: found `}`, which closes nothing: the value has ended"),
                Arguments.of("{\"a\": \"x\ny\"}", "$.a", "line 1, column 9: control character U+000A inside a string: write it"
                        + " as an escape such as `\\n` or `\\u0000`"),
                Arguments.of("{\"a\": \"\\x\"}", "$.a", "line 1, column 9: invalid escape `\\x` in a string"),
                Arguments.of("{\"n\u00ff\": 1}", "$", "line 1, column 6: not UTF-8: byte 0xff cannot appear here"),
                Arguments.of("{} {}", "$", "line 1, column 4: content after the end of the JSON value (found an object):"
                        + " a file holds exactly one value"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void eachMessageIsSaidInCocoatlysWords(String input, String path, String problem) {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> StrictJson.parse(input.getBytes(StandardCharsets.ISO_8859_1), "f.json", "invalid-test"));
        assertEquals(path, e.jsonPath());
        assertEquals("malformed JSON at " + problem, e.problem());
        for (String jackson : new String[] {"(code", "jackson", "Feature", "was expecting", "token '"}) {
            assertFalse(e.problem().contains(jackson), e.problem());
        }
    }
}
