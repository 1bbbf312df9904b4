package io.cocoatly.artifact;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The name rules shared by extraction and packing: which entry names are acceptable, their one
 * canonical spelling, and the keys under which two names would land on the same file on a
 * case-insensitive or normalising file system (macOS, Windows).
 */
final class EntryNames {

    /** Longest path component most file systems accept, in bytes. */
    static final int MAX_COMPONENT_BYTES = 255;

    private EntryNames() {
    }

    /**
     * The components of {@code raw} with empty and {@code .} components dropped; an empty list is the
     * package root itself (as in a {@code ./} entry).
     *
     * @throws RuleViolation if the name breaks a name rule
     */
    static List<String> components(String raw, int maxPathBytes, int maxDepth) {
        checkCharacters(raw, "name");
        if (raw.startsWith("/")) {
            throw new RuleViolation(ArchiveRule.ABSOLUTE_PATH, "the name starts with `/`");
        }
        if (hasDriveLetter(raw)) {
            throw new RuleViolation(ArchiveRule.DRIVE_LETTER, "the name starts with `" + raw.substring(0, 2) + "`");
        }
        List<String> out = new ArrayList<>();
        for (String c : raw.split("/", -1)) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                throw new RuleViolation(ArchiveRule.PARENT_TRAVERSAL, "a path component is `..`");
            }
            if (c.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
                throw new RuleViolation(ArchiveRule.PATH_TOO_LONG, "a component is longer than "
                        + MAX_COMPONENT_BYTES + " bytes");
            }
            out.add(c);
        }
        int bytes = String.join("/", out).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxPathBytes) {
            throw new RuleViolation(ArchiveRule.PATH_TOO_LONG, bytes + " bytes, the limit is " + maxPathBytes);
        }
        if (out.size() > maxDepth) {
            throw new RuleViolation(ArchiveRule.TOO_DEEP, out.size() + " levels, the limit is " + maxDepth);
        }
        return out;
    }

    /**
     * Checks the characters of a name or link target: no NUL, no other control characters, no
     * backslash (a separator on Windows, and a way to smuggle {@code ..\..}).
     */
    static void checkCharacters(String s, String what) {
        if (s.isEmpty()) {
            throw new RuleViolation(ArchiveRule.EMPTY_NAME, "the " + what + " is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new RuleViolation(ArchiveRule.NUL_IN_NAME, "the " + what + " contains NUL at index " + i);
            }
            if (c < 0x20 || c == 0x7f) {
                throw new RuleViolation(ArchiveRule.CONTROL_CHARACTER, "the " + what + " contains "
                        + String.format("U+%04X", (int) c) + " at index " + i);
            }
            if (c == '\\') {
                throw new RuleViolation(ArchiveRule.BACKSLASH, "the " + what + " contains `\\` at index " + i);
            }
        }
    }

    static boolean hasDriveLetter(String s) {
        return s.length() >= 2 && s.charAt(1) == ':'
                && (s.charAt(0) >= 'a' && s.charAt(0) <= 'z' || s.charAt(0) >= 'A' && s.charAt(0) <= 'Z');
    }

    /** The key under which names collide on a normalising file system. */
    static String normalizationKey(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC);
    }

    /**
     * The key under which names collide on a case-insensitive file system. Upper- then lower-casing
     * also folds pairs such as {@code ß}/{@code SS} and the Kelvin sign, so it errs on the strict side.
     */
    static String caseKey(String path) {
        return normalizationKey(path).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** A name made safe to print: control characters become {@code \\uXXXX}. */
    static String display(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
