package io.cocoatly.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the members of a JSON object sit in its text, so {@link ManifestEditor} can change one value
 * and leave every other character as it was. Only for text that the strict reader has already
 * accepted: it assumes well-formed JSON and does not report errors of its own.
 */
final class JsonLayout {

    /**
     * One member of an object.
     *
     * @param key        the key, unescaped
     * @param keyStart   offset of the key's opening quote
     * @param keyEnd     offset just after the key's closing quote
     * @param valueStart offset of the value's first character
     * @param valueEnd   offset just after the value
     */
    record Member(String key, int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /**
     * An object: its braces and members.
     *
     * @param open  offset of {@code {}
     * @param close offset of {@code }}
     */
    record ObjectLayout(int open, int close, List<Member> members) {
        ObjectLayout {
            members = List.copyOf(members);
        }

        /**
         * The white space between member {@code i} and the {@code {} or {@code ,} before it: how this
         * object lays out its members (a new line and an indent, one space, nothing).
         */
        String leading(String text, int i) {
            int from = i == 0 ? open + 1 : text.indexOf(',', members.get(i - 1).valueEnd()) + 1;
            return text.substring(from, members.get(i).keyStart());
        }

        /** The member named {@code key}, or null. */
        Member member(String key) {
            return members.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
        }
    }

    private final String text;
    private int pos;

    private JsonLayout(String text) {
        this.text = text;
    }

    /** The layout of the document's top-level object. */
    static ObjectLayout root(String text) {
        JsonLayout layout = new JsonLayout(text);
        // A byte order mark (Notepad writes one) is skipped as the reader skips it, and kept: edits
        // splice the text around it.
        layout.pos = text.startsWith("\uFEFF") ? 1 : 0;
        layout.skipSpace();
        return layout.object();
    }

    /** The layout of the object that starts at {@code open}. */
    static ObjectLayout objectAt(String text, int open) {
        JsonLayout layout = new JsonLayout(text);
        layout.pos = open;
        return layout.object();
    }

    private ObjectLayout object() {
        int open = pos;
        pos++;
        List<Member> members = new ArrayList<>();
        skipSpace();
        while (text.charAt(pos) != '}') {
            int keyStart = pos;
            String key = string();
            int keyEnd = pos;
            skipSpace();
            pos++; // ':'
            skipSpace();
            int valueStart = pos;
            value();
            members.add(new Member(key, keyStart, keyEnd, valueStart, pos));
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
                skipSpace();
            }
        }
        int close = pos;
        pos++;
        return new ObjectLayout(open, close, members);
    }

    private void value() {
        char c = text.charAt(pos);
        if (c == '{') {
            object();
        } else if (c == '[') {
            pos++;
            skipSpace();
            while (text.charAt(pos) != ']') {
                value();
                skipSpace();
                if (text.charAt(pos) == ',') {
                    pos++;
                    skipSpace();
                }
            }
            pos++;
        } else if (c == '"') {
            string();
        } else {
            // A number, true, false or null: runs up to the next delimiter.
            while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
        }
    }

    /** Reads a string token and returns its value. */
    private String string() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> value.append(e);
            }
        }
        pos++;
        return value.toString();
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** {@code value} as a JSON string token. */
    static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
