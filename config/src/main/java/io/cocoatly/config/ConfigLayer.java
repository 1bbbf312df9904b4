package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.Typos;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values one layer sets (a file, the environment, the flags), by section and key. Keys of the
 * known sections are taken; anything else is a {@link ConfigWarning}, never an error, since a newer
 * Cocoatly may have added it.
 */
final class ConfigLayer {

    private final Map<String, ConfigValue> values = new HashMap<>();

    private ConfigLayer() {
    }

    /** The value this layer sets for {@code section.key}, if any. */
    Optional<ConfigValue> get(String section, String key) {
        return Optional.ofNullable(values.get(section + "." + key));
    }

    private void put(ConfigKeys.Key key, ConfigValue value) {
        values.put(key.id(), value);
    }

    /**
     * What a project's config may not set: anything that runs a command ({@code hooks},
     * {@code installer.command}), decides which plugins run ({@code plugins}: a project must not switch
     * off the user's policy plugin, nor stretch its time limit) or moves where Cocoatly writes and
     * deletes ({@code storage}, {@code cache}). A project arrives with a clone, and installing it must
     * never run a program its author chose or touch directories outside it; the home's config and the
     * environment belong to the user and may set these. A project may choose its registry and the keys it trusts, since
     * which packages it installs is the project's own business.
     */
    static boolean userOnly(ConfigKeys.Key key) {
        String id = key.id();
        return id.startsWith("hooks.") || id.startsWith("plugins.") || id.startsWith("storage.")
                || id.startsWith("cache.") || id.equals("installer.command");
    }

    /**
     * The settings of the user's own configuration file ({@code <home>/config.json}): a JSON object of
     * sections, each an object of keys.
     *
     * @param base relative paths in the file are taken from here
     * @throws io.cocoatly.model.InvalidFileException if the file or a section is not an object
     */
    static ConfigLayer file(JsonCursor root, Path file, Path base, List<ConfigWarning> warnings) {
        return file(root, file, base, true, warnings);
    }

    /**
     * The settings of a project's {@code .cocoatly/config.json}: like {@link #file}, except that keys
     * only the user may set ({@link #userOnly}) are ignored with a warning.
     */
    static ConfigLayer projectFile(JsonCursor root, Path file, Path base, List<ConfigWarning> warnings) {
        return file(root, file, base, false, warnings);
    }

    /** A key that looks like a token, in any section: refused with its own warning, never its value. */
    private static final String TOKEN_KEY = "token";

    private static ConfigLayer file(JsonCursor root, Path file, Path base, boolean user, List<ConfigWarning> warnings) {
        ConfigLayer layer = new ConfigLayer();
        for (String section : root.keys()) {
            if (!ConfigKeys.sectionNames().contains(section)) {
                warnings.add(unknownKey(file, JsonCursor.keyPath(root.path(), section), section, ConfigKeys.sectionNames()));
            }
        }
        for (String section : ConfigKeys.sectionNames()) {
            Optional<JsonCursor> at = root.optional(section);
            if (at.isEmpty()) {
                continue;
            }
            Map<String, ConfigKeys.Key> keys = ConfigKeys.keys(section);
            for (Map.Entry<String, JsonCursor> entry : at.get().entries()) {
                ConfigKeys.Key key = keys.get(entry.getKey());
                JsonCursor value = entry.getValue();
                if (key == null && entry.getKey().equals(TOKEN_KEY)) {
                    // Never echo the value: it is a secret in the wrong place.
                    warnings.add(new ConfigWarning(new ConfigOrigin.File(file, value.path()), "a token is never read"
                            + " from a config file, ignored: `cocoatly login` keeps it in the home's credentials.json,"
                            + " or set " + ConfigLayers.TOKEN_VARIABLE + "; remove it from this file"));
                } else if (key == null) {
                    warnings.add(unknownKey(file, value.path(), entry.getKey(), keys.keySet()));
                } else if (!user && userOnly(key)) {
                    warnings.add(new ConfigWarning(new ConfigOrigin.File(file, value.path()), "a project's config may"
                            + " not set `" + key.id() + "`, ignored; set it in the home's config.json or the"
                            + " environment"));
                } else {
                    layer.put(key, new ConfigValue(value, new ConfigOrigin.File(file, value.path()), base));
                }
            }
        }
        return layer;
    }

    /**
     * The settings variables {@code COCOATLY_<SECTION>_<KEY>}, plus {@code COCOATLY_REGISTRY} for
     * {@code registry.url}. Only names under a known section are looked at, so the launcher's and
     * the hooks' own variables ({@code COCOATLY_HOME}, {@code COCOATLY_CLASSPATH}, {@code COCOATLY_HOOK}
     * ...) are neither taken nor warned about. An empty or blank variable counts as unset.
     *
     * @param base relative paths in the values are taken from here (the working directory)
     */
    static ConfigLayer environment(Map<String, String> env, Path base, List<ConfigWarning> warnings) {
        ConfigLayer layer = new ConfigLayer();
        for (String name : new TreeSet<>(env.keySet())) {
            String text = env.get(name);
            if (!name.startsWith(ConfigKeys.PREFIX) || text == null || text.isBlank()
                    || name.equals(ConfigLayers.TOKEN_VARIABLE)) {
                continue;
            }
            for (String section : ConfigKeys.sectionNames()) {
                String prefix = ConfigKeys.Key.variable(section, "");
                if (name.length() > prefix.length() && name.startsWith(prefix)) {
                    variable(layer, section, name, text, base, warnings);
                }
            }
        }
        registryAlias(layer, env, base, warnings);
        return layer;
    }

    private static void variable(ConfigLayer layer, String section, String name, String text, Path base,
            List<ConfigWarning> warnings) {
        ConfigOrigin origin = new ConfigOrigin.Environment(name);
        for (ConfigKeys.Key key : ConfigKeys.keys(section).values()) {
            if (key.variable().equals(name)) {
                layer.put(key, new ConfigValue(ConfigText.value(key, text, origin), origin, base));
                return;
            }
        }
        String rest = name.substring(ConfigKeys.Key.variable(section, "").length()).toLowerCase(Locale.ROOT);
        String suggestion = Typos.closestOrAffixed(rest, ConfigKeys.keys(section).keySet())
                .map(k -> "; did you mean `" + ConfigKeys.Key.variable(section, k) + "`?").orElse("");
        warnings.add(new ConfigWarning(origin, "unknown key `" + section + "." + rest + "`, ignored" + suggestion));
    }

    // COCOATLY_REGISTRY predates the layered names and stays the documented one; when both are set,
    // the layered spelling is the more specific and wins.
    private static void registryAlias(ConfigLayer layer, Map<String, String> env, Path base, List<ConfigWarning> warnings) {
        String text = env.get(ConfigLayers.REGISTRY_VARIABLE);
        if (text == null || text.isBlank()) {
            return;
        }
        ConfigKeys.Key url = ConfigKeys.require("registry.url");
        ConfigOrigin origin = new ConfigOrigin.Environment(ConfigLayers.REGISTRY_VARIABLE);
        Optional<ConfigValue> layered = layer.get("registry", "url");
        if (layered.isEmpty()) {
            layer.put(url, new ConfigValue(ConfigText.value(url, text, origin), origin, base));
        } else if (!layered.get().at().string().equals(text)) {
            warnings.add(new ConfigWarning(origin, "ignored, `" + url.variable() + "` is set too and takes precedence"));
        }
    }

    /** Settings given as command-line flags; relative paths are taken from {@code base}, the working directory. */
    static ConfigLayer flags(List<ConfigFlag> flags, Path base) {
        ConfigLayer layer = new ConfigLayer();
        for (ConfigFlag flag : flags) {
            ConfigKeys.Key key = ConfigKeys.require(flag.key());
            ConfigOrigin origin = new ConfigOrigin.Flag(flag.flag());
            layer.put(key, new ConfigValue(ConfigText.value(key, flag.value(), origin), origin, base));
        }
        return layer;
    }

    private static ConfigWarning unknownKey(Path file, String path, String key, Collection<String> known) {
        String suggestion = Typos.closestOrAffixed(key, known).map(k -> "; did you mean `" + k + "`?").orElse("");
        return new ConfigWarning(new ConfigOrigin.File(file, path), "unknown key `" + key + "`, ignored" + suggestion);
    }
}
