package io.cocoatly.json;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax error texts in Cocoatly's words: what was expected and what was found, in
 * backticks, without Jackson's class names, feature flags or character codes. One rule per message
 * jackson-core gives for malformed input; anything else keeps Jackson's text with the noise removed,
 * so no error is ever lost. {@code SyntaxProblemsTest} pins each rule with the input that triggers it.
 */
final class SyntaxProblems {

    private static final String CHAR = "unexpected character \\('(.)' \\(code \\d+\\)\\)";
    private static final String VALUE = "a value (a string, number, object, array, `true`, `false` or `null`)";

    private record Rule(Pattern pattern, Function<Matcher, String> text) {
    }

    private static final List<Rule> RULES = List.of(
            rule(CHAR + ": was expecting double-quote to start field name", m -> "expected a key in double quotes, found "
                    + shown(m.group(1)) + (m.group(1).equals("'") ? ": JSON strings take double quotes" : "")),
            rule(CHAR + ": was expecting a colon to separate field name and value",
                    m -> "expected `:` after the key, found " + shown(m.group(1))),
            rule(CHAR + ": was expecting comma to separate Object entries",
                    m -> "expected `,` or `}` after the value, found " + shown(m.group(1))),
            rule(CHAR + ": was expecting comma to separate Array entries",
                    m -> "expected `,` or `]` after the value, found " + shown(m.group(1))),
            rule(CHAR + ": expected a value", m -> "expected " + VALUE + ", found " + shown(m.group(1))),
            rule(CHAR + ": maybe a \\(non-standard\\) comment\\?.*", m -> "JSON has no comments, found " + shown(m.group(1))),
            rule(CHAR + " in numeric value: expected digit \\(0-9\\) to follow minus sign.*",
                    m -> "malformed number: expected a digit after `-`, found " + shown(m.group(1))),
            rule(CHAR + " in numeric value: Exponent indicator not followed by a digit.*",
                    m -> "malformed number: expected a digit after the exponent's `e`, found " + shown(m.group(1))),
            rule(CHAR + " in numeric value.*", m -> "malformed number: found " + shown(m.group(1))),
            rule("unrecognized token '(.*)': was expecting .*", m -> "expected " + VALUE + ", found `" + m.group(1) + "`"),
            rule("unexpected close marker '(.)': expected '(.)'.*",
                    m -> "found `" + m.group(1) + "` where `" + m.group(2) + "` was expected to close the open "
                            + (m.group(2).equals("}") ? "object" : "array")),
            rule("unexpected close marker '(.)': no open \\w+ to close.*",
                    m -> "found `" + m.group(1) + "`, which closes nothing: the value has ended"),
            rule("illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*",
                    m -> "control character " + codePoint(Integer.parseInt(m.group(1))) + " inside a string: write it as"
                            + " an escape such as `\\n` or `\\u0000`"),
            rule("invalid numeric value: Leading zeroes not allowed.*", m -> "malformed number: a leading zero"),
            rule("non-standard token '(.*)'.*", m -> "`" + m.group(1) + "` is not a JSON number"),
            rule("unrecognized character escape '(.)' \\(code \\d+\\)", m -> "invalid escape `\\" + m.group(1)
                    + "` in a string"),
            rule("invalid UTF-8 (?:start|middle) byte (0x[0-9a-fA-F]+).*", m -> "not UTF-8: byte " + m.group(1)
                    + " cannot appear here"));

    private static final Pattern CODE = Pattern.compile("\\s*\\(code \\d+\\)");

    private SyntaxProblems() {
    }

    /** {@code message} (Jackson's, first letter lowercase, source location removed) in Cocoatly's words. */
    static String translate(String message) {
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(message);
            if (m.matches()) {
                return rule.text().apply(m);
            }
        }
        return CODE.matcher(message).replaceAll("");
    }

    private static Rule rule(String regex, Function<Matcher, String> text) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), text);
    }

    /** A character as messages show it: in backticks, or as U+XXXX when it cannot be seen. */
    private static String shown(String c) {
        int cp = c.codePointAt(0);
        return Character.isISOControl(cp) || Character.isWhitespace(cp) ? codePoint(cp) : "`" + c + "`";
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
