package io.cocoatly.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over text that reads the pieces of a SemVer version. Shared by {@link Version#parse} and
 * the requirement parser so both report errors the same way.
 */
final class VersionScanner {

    private final String text;
    private final String what;
    private int pos;

    VersionScanner(String text, int start, String what) {
        this.text = text;
        this.pos = start;
        this.what = what;
    }

    int position() {
        return pos;
    }

    void position(int pos) {
        this.pos = pos;
    }

    String text() {
        return text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    boolean accept(char c) {
        if (!atEnd() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    SyntaxException error(String expected) {
        return new SyntaxException(what, text, pos, expected);
    }

    SyntaxException error(int at, String expected) {
        return new SyntaxException(what, text, at, expected);
    }

    void expectEnd() {
        if (!atEnd()) {
            throw error("the end of the " + what);
        }
    }

    /** A full {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}. */
    Version version() {
        long major = number("the major version number");
        expect('.', "`.` and the minor version number");
        long minor = number("the minor version number");
        expect('.', "`.` and the patch version number");
        long patch = number("the patch version number");
        List<String> prerelease = accept('-') ? identifiers(true) : List.of();
        List<String> build = accept('+') ? identifiers(false) : List.of();
        return Version.of(major, minor, patch).with(prerelease, build);
    }

    void expect(char c, String expected) {
        if (!accept(c)) {
            throw error(expected);
        }
    }

    /** A non-negative decimal without leading zeros that fits in a long. */
    long number(String expected) {
        int start = pos;
        while (!atEnd() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (start == pos) {
            throw error(expected);
        }
        if (text.charAt(start) == '0' && pos - start > 1) {
            throw error(start, expected + " without leading zeros");
        }
        try {
            return Long.parseLong(text, start, pos, 10);
        } catch (NumberFormatException e) {
            throw error(start, expected + " no larger than " + Long.MAX_VALUE);
        }
    }

    /** Dot-separated identifiers {@code [0-9A-Za-z-]+}; prerelease numeric ones without leading zeros. */
    List<String> identifiers(boolean prerelease) {
        String kind = prerelease ? "a prerelease identifier" : "a build identifier";
        List<String> ids = new ArrayList<>();
        do {
            int start = pos;
            while (!atEnd() && isIdentifierChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(kind + " ([0-9A-Za-z-])");
            }
            String id = text.substring(start, pos);
            if (prerelease && id.length() > 1 && id.charAt(0) == '0' && Version.isNumeric(id)) {
                throw error(start, "a numeric prerelease identifier without leading zeros");
            }
            ids.add(id);
        } while (accept('.'));
        return ids;
    }

    static boolean isIdentifierChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }
}
