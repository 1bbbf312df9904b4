package io.cocoatly.config;

import io.cocoatly.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a command's settings come from, lowest first, as cargo and uv layer theirs: the built-in
 * defaults, {@code <home>/config.json}, the project's {@code .cocoatly/config.json} (next to its
 * {@code cocoatly.json}), the environment ({@code COCOATLY_<SECTION>_<KEY>}), and command-line flags.
 * Sections merge key by key; a key's value, array or not, is replaced whole by a higher layer.
 * Nothing here reads process-wide state: the caller passes the environment and working directory.
 *
 * @param home             whose {@code config.json} is the lowest file
 * @param project          the project directory, if the command runs in one
 * @param environment      the environment variables
 * @param workingDirectory relative paths in variables and flags are taken from here
 * @param flags            settings given on the command line, the highest layer
 */
public record ConfigLayers(Home home, Optional<Path> project, Map<String, String> environment, Path workingDirectory,
                           List<ConfigFlag> flags) {

    /** The registry location variable documented before the layered names, read as {@code registry.url}. */
    public static final String REGISTRY_VARIABLE = "COCOATLY_REGISTRY";

    /**
     * The variable that carries the registry's token ({@code docs/registry-protocol.md} §1.5). It is
     * not a setting: the layers neither read nor warn about it, and the cli takes it for the token.
     */
    public static final String TOKEN_VARIABLE = "COCOATLY_REGISTRY_TOKEN";

    public ConfigLayers {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(project, "project");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        flags = List.copyOf(flags);
    }

    /** The home's file alone, over the defaults. */
    public static ConfigLayers of(Home home) {
        return new ConfigLayers(home, Optional.empty(), Map.of(), home.root(), List.of());
    }

    /** A project's configuration file: {@code <projectDir>/.cocoatly/config.json}. */
    public static Path projectFile(Path projectDir) {
        return projectDir.resolve(".cocoatly").resolve("config.json");
    }

    /** The same layers with the project in {@code dir} (the directory of its {@code cocoatly.json}). */
    public ConfigLayers withProject(Path dir) {
        return new ConfigLayers(home, Optional.of(dir), environment, workingDirectory, flags);
    }

    /** The same layers with these environment variables, whose relative paths are taken from {@code workingDirectory}. */
    public ConfigLayers withEnvironment(Map<String, String> env, Path workingDirectory) {
        return new ConfigLayers(home, project, env, workingDirectory, flags);
    }

    /** The same layers with one more flag; a later flag for the same key wins. */
    public ConfigLayers withFlag(ConfigFlag flag) {
        List<ConfigFlag> more = new ArrayList<>(flags);
        more.add(flag);
        return new ConfigLayers(home, project, environment, workingDirectory, more);
    }

    /**
     * Reads every layer and merges them over the defaults. The warnings of all layers, lowest first,
     * are in {@link Config#warnings()}; where each value came from in {@link Config#origin(String)}.
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code invalid-config} (an
     *     {@link io.cocoatly.model.InvalidFileException} for a file) naming the first wrong value's origin,
     *     or {@code config-unreadable} if a file exists but cannot be read
     */
    public Config read() {
        List<ConfigWarning> warnings = new ArrayList<>();
        return ConfigReader.merge(home, layers(warnings), warnings);
    }

    /**
     * Every setting's effective value and origin, in the order of docs/config.md: what
     * {@code cocoatly config list} shows. The layers are read and checked as {@link #read} does.
     *
     * @throws io.cocoatly.model.CocoatlyException as {@link #read}
     */
    public List<ConfigEntry> entries() {
        List<ConfigWarning> warnings = new ArrayList<>();
        List<ConfigLayer> layers = layers(warnings);
        ConfigReader.merge(home, layers, warnings);
        Config defaults = Config.defaults(home);
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKeys.Key key : ConfigKeys.all()) {
            ConfigEntry entry = new ConfigEntry(key.id(), defaultJson(key, defaults), new ConfigOrigin.Default());
            for (ConfigLayer layer : layers) {
                Optional<ConfigValue> set = layer.get(key.section(), key.name());
                if (set.isPresent()) {
                    entry = new ConfigEntry(key.id(), set.get().at().compactText(), set.get().origin());
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * The effective value of the setting {@code key}.
     *
     * @throws io.cocoatly.model.CocoatlyException with code {@code unknown-config-key} (invalid input) if
     *     there is no such setting, with the closest one as a hint; or as {@link #read}
     */
    public ConfigEntry entry(String key) {
        ConfigKeys.Key known = ConfigEditor.known(key);
        return entries().stream().filter(e -> e.key().equals(known.id())).findFirst().orElseThrow();
    }

    private static String defaultJson(ConfigKeys.Key key, Config defaults) {
        if (ConfigKeys.HOME_DEFAULT.equals(key.defaultJson())) {
            Path path = key.id().equals("cache.dir") ? defaults.cache().dir() : defaults.storage().installDir();
            return StrictJson.string(path.toString(), "default", ConfigReader.CODE).compactText();
        }
        return key.defaultJson() == null ? "null" : key.defaultJson();
    }

    private List<ConfigLayer> layers(List<ConfigWarning> warnings) {
        List<ConfigLayer> layers = new ArrayList<>();
        file(home.configFile(), home.root(), warnings).ifPresent(layers::add);
        project.map(dir -> dir.toAbsolutePath().normalize())
                .filter(dir -> !projectFile(dir).equals(home.configFile()))
                .flatMap(dir -> ConfigReader.readFile(projectFile(dir)).map(bytes -> ConfigLayer.projectFile(
                        ConfigReader.parseFile(bytes, projectFile(dir)), projectFile(dir), dir, warnings)))
                .ifPresent(layers::add);
        layers.add(ConfigLayer.environment(environment, workingDirectory, warnings));
        layers.add(ConfigLayer.flags(flags, workingDirectory));
        return layers;
    }

    private static Optional<ConfigLayer> file(Path file, Path base, List<ConfigWarning> warnings) {
        return ConfigReader.readFile(file).map(bytes -> ConfigLayer.file(ConfigReader.parseFile(bytes, file), file, base,
                warnings));
    }
}
