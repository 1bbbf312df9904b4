package io.cocoatly.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting there is: its section, its key, and what kind of value it takes, so that a value
 * written as text (an environment variable, a flag) can be turned into the JSON value the reader
 * validates. The order of the sections is the order in which a file's unknown keys are reported.
 */
final class ConfigKeys {

    /** The default of a path key that depends on the home: {@code storage.install_dir}, {@code cache.dir}. */
    static final String HOME_DEFAULT = "<home>";

    /** The prefix of every settings variable, {@code COCOATLY_<SECTION>_<KEY>}. */
    static final String PREFIX = "COCOATLY_";

    /** How a value given as text becomes JSON. */
    enum Kind {
        /** Taken as a string, as it is. */
        TEXT,
        /** An integer written in decimal. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** JSON text: arrays and the values that may be {@code null}. */
        JSON
    }

    /**
     * One setting.
     *
     * @param expected what the value must be, as error messages say it, e.g. {@code an integer from 1 to 3600}
     * @param min      the least value of an {@link Kind#INTEGER} that fits in an {@code int}; else 0
     * @param max      the greatest such value; else 0
     * @param defaultJson the built-in default as JSON text ({@code 30}, {@code ["sha256"]}), {@code null} for
     *                 "none", or {@link #HOME_DEFAULT} for a path under the home; what {@code config list}
     *                 shows for a key no layer sets (ConfigKeysTest checks it against {@link Config#defaults})
     */
    record Key(String section, String name, Kind kind, String expected, int min, int max, String defaultJson) {

        /** This key with its default. */
        Key defaults(String json) {
            return new Key(section, name, kind, expected, min, max, json);
        }

        /** {@code network.timeout_seconds}. */
        String id() {
            return section + "." + name;
        }

        /** {@code COCOATLY_NETWORK_TIMEOUT_SECONDS}. */
        String variable() {
            return variable(section, name);
        }

        static String variable(String section, String name) {
            return PREFIX + section.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT);
        }
    }

    private static final Map<String, Map<String, Key>> SECTIONS = sections();

    private ConfigKeys() {
    }

    private static Map<String, Map<String, Key>> sections() {
        Map<String, Map<String, Key>> s = new LinkedHashMap<>();
        section(s, "registry", text("url", "a registry directory or URL"), text("name", "a registry name"),
                integer("download_events_days", 1, 36_500).defaults("90"));
        section(s, "storage", text("install_dir", "a path").defaults(HOME_DEFAULT));
        // The two limits are text so that `500MB` and `30d` read as they are written; the reader also
        // takes a JSON integer (bytes, days), and a variable of digits reads as the same number.
        section(s, "cache", text("dir", "a path").defaults(HOME_DEFAULT),
                text("max_size", "a size like 500MB, 2GiB or a number of bytes"),
                text("max_age", "a number of days or a duration like 30d, 12h, 2w"));
        section(s, "network", integer("max_concurrent_downloads", 1, 256).defaults("8"),
                integer("timeout_seconds", 1, 3600).defaults("30"), integer("retries", 0, 100).defaults("3"),
                text("proxy", "a proxy like http://host:port"),
                integer("min_bytes_per_second", 0, Integer.MAX_VALUE).defaults("4096"),
                integer("deadline_grace_seconds", 0, 86_400).defaults("60"),
                key("offline", Kind.BOOLEAN, "`true` or `false`").defaults("false"));
        section(s, "security", key("require_signatures", Kind.BOOLEAN, "`true` or `false`").defaults("true"),
                json("trusted_keys", "a JSON array of keys or key files, e.g. [\"keys/team.pub.json\"]").defaults("[]"),
                json("checksum", "a JSON array of digest names, e.g. [\"sha256\", \"blake3\"]").defaults("[\"sha256\"]"));
        Key[] hooks = new Key[ConfigHooks.Hook.values().length];
        for (ConfigHooks.Hook hook : ConfigHooks.Hook.values()) {
            hooks[hook.ordinal()] = json(hook.key(), "a JSON array of arguments, e.g. [\"notify-send\", \"installed\"]");
        }
        section(s, "hooks", hooks);
        section(s, "installer", json("command", "a JSON array of arguments or null, e.g. [\"/opt/installer\"]"),
                // A long: its bound is checked by the reader, not by min and max.
                // The archive limits' defaults are the installer's own (docs/config.md), shown as such.
                key("max_package_bytes", Kind.INTEGER, "a positive number of bytes").defaults("1073741824"),
                integer("max_package_entries", 1, Integer.MAX_VALUE).defaults("100000"),
                integer("max_path_bytes", 1, 65_536).defaults("1024"),
                integer("max_path_depth", 1, 4096).defaults("64"), integer("lock_timeout_seconds", 0, 86_400).defaults("120"));
        section(s, "plugins", json("disabled", "a JSON array of plugin names, e.g. [\"audit\", \"shell-hooks\"]").defaults("[]"),
                integer("timeout_seconds", 1, 86_400).defaults("60"));
        return Collections.unmodifiableMap(s);
    }

    // The helpers below make keys without their section, which this fills in.
    private static void section(Map<String, Map<String, Key>> sections, String section, Key... keys) {
        Map<String, Key> byName = new LinkedHashMap<>();
        for (Key k : keys) {
            byName.put(k.name(), new Key(section, k.name(), k.kind(), k.expected(), k.min(), k.max(), k.defaultJson()));
        }
        sections.put(section, Collections.unmodifiableMap(byName));
    }

    private static Key key(String name, Kind kind, String expected) {
        return new Key(null, name, kind, expected, 0, 0, null);
    }

    private static Key text(String name, String expected) {
        return key(name, Kind.TEXT, expected);
    }

    // The same words as JsonCursor.integer(min, max), so a variable and a file say the same thing.
    private static Key integer(String name, int min, int max) {
        return new Key(null, name, Kind.INTEGER, "an integer from " + min + " to " + max, min, max, null);
    }

    private static Key json(String name, String expected) {
        return key(name, Kind.JSON, expected);
    }

    /** The section names, in order. */
    static Set<String> sectionNames() {
        return SECTIONS.keySet();
    }

    /** The keys of {@code section}, in order; empty for an unknown section. */
    static Map<String, Key> keys(String section) {
        return SECTIONS.getOrDefault(section, Map.of());
    }

    /** The setting {@code section.name}, if there is one. */
    static Optional<Key> find(String section, String name) {
        return Optional.ofNullable(keys(section).get(name));
    }

    /** Every setting, section by section, in order. */
    static List<Key> all() {
        List<Key> all = new ArrayList<>();
        SECTIONS.values().forEach(keys -> all.addAll(keys.values()));
        return all;
    }

    /** The setting {@code id} ({@code section.key}), if there is one. */
    static Optional<Key> find(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? Optional.empty() : find(id.substring(0, dot), id.substring(dot + 1));
    }

    /** The setting {@code id} ({@code section.key}); for keys the code names itself. */
    static Key require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no setting `" + id + "`"));
    }
}
