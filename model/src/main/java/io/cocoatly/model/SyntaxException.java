package io.cocoatly.model;

import java.util.List;

/**
 * Text that does not follow the version or requirement grammar. It quotes the input, gives the
 * position of the first problem, and says what was expected there.
 */
public final class SyntaxException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;
    private final String expected;

    /**
     * @param what     what was being parsed: {@code version} or {@code requirement}
     * @param input    the whole text
     * @param position 0-based index of the first offending character ({@code input.length()} at the end)
     * @param expected what the grammar wanted there, e.g. {@code a number}
     */
    public SyntaxException(String what, String input, int position, String expected) {
        super(ErrorKind.INVALID_INPUT, "invalid-" + what, describe(what, input, position, expected), List.of());
        this.input = input;
        this.position = position;
        this.expected = expected;
    }

    private static String describe(String what, String input, int position, String expected) {
        String found = position >= input.length()
                ? "the end of the input"
                : "`" + new String(Character.toChars(input.codePointAt(position))) + "`";
        return "invalid " + what + " `" + input + "`: expected " + expected + " at column " + (position + 1)
                + ", found " + found;
    }

    /** The text that failed to parse. */
    public String input() {
        return input;
    }

    /** 0-based index of the first offending character; equals the input's length at its end. */
    public int position() {
        return position;
    }

    /** What the grammar expected at {@link #position()}. */
    public String expected() {
        return expected;
    }

    /** Two lines that show the input and a caret under the offending position. */
    public String pointer() {
        return "  " + input + "\n  " + " ".repeat(position) + "^";
    }
}
