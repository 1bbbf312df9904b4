package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.model.ManifestMetadata;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a manifest's optional words about its package: {@code description}, {@code license},
 * {@code repository}, {@code keywords} and {@code categories}. The limits follow crates.io's, so a
 * manifest that passes here is one a public registry accepts (docs/formats.md, "Manifest").
 */
final class MetadataFields {

    /** Most keywords, and most categories, a manifest may list. */
    static final int MAX_WORDS = 5;
    /** Longest keyword. */
    static final int MAX_KEYWORD = 20;
    /** Longest category. */
    static final int MAX_CATEGORY = 50;
    /** Longest description. */
    static final int MAX_DESCRIPTION = 1000;
    /** Longest license expression. */
    static final int MAX_LICENSE = 100;

    private static final Pattern KEYWORD = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    // Categories are slugs like crates.io's, which nest with `::` (`development-tools::testing`).
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9_-]*(::[a-z0-9][a-z0-9_-]*)*");

    private MetadataFields() {
    }

    /** The metadata of the manifest at {@code root}; every key is optional. */
    static ManifestMetadata read(JsonCursor root) {
        return new ManifestMetadata(
                root.optional("description").map(at -> text(at, MAX_DESCRIPTION, true)),
                root.optional("license").map(at -> text(at, MAX_LICENSE, false)),
                root.optional("repository").map(MetadataFields::repository),
                root.optional("keywords").map(at -> words(at, "keyword", KEYWORD, MAX_KEYWORD, "lowercase letters, digits, `_` and `-`, starting with a letter or digit"))
                        .orElse(List.of()),
                root.optional("categories").map(at -> words(at, "category", CATEGORY, MAX_CATEGORY,
                        "slugs like `command-line-utilities` or `development-tools::testing`")).orElse(List.of()));
    }

    private static String text(JsonCursor at, int max, boolean oneLine) {
        String value = at.string();
        if (value.isBlank()) {
            throw at.error("must not be empty", "leave the key out instead");
        }
        if (value.length() > max) {
            throw at.error("longer than " + max + " characters");
        }
        if (oneLine && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw at.error("must be one line");
        }
        // Shown on other people's terminals by `info` and `search`: no escape sequences.
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw at.error("must not contain control characters");
        }
        return value;
    }

    private static String repository(JsonCursor at) {
        String value = at.string();
        String hint = "write the URL where the source lives, e.g. `https://github.com/me/app`";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // Not a URL at all: the same message as for one of another scheme.
        }
        throw at.error("expected an http(s) URL: `" + value + "`", hint);
    }

    private static List<String> words(JsonCursor at, String what, Pattern grammar, int maxLength, String shape) {
        List<JsonCursor> elements = at.elements();
        if (elements.size() > MAX_WORDS) {
            throw at.error("at most " + MAX_WORDS + " " + plural(what) + ", found " + elements.size());
        }
        List<String> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonCursor element : elements) {
            String word = element.string();
            if (word.length() > maxLength) {
                throw element.error(what + " `" + word + "` is longer than " + maxLength + " characters");
            }
            if (!grammar.matcher(word).matches()) {
                throw element.error("invalid " + what + " `" + word + "`", plural(what) + " are " + shape);
            }
            if (!seen.add(word)) {
                throw element.error(what + " `" + word + "` is listed twice");
            }
            words.add(word);
        }
        return words;
    }

    private static String plural(String what) {
        return what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s";
    }
}
