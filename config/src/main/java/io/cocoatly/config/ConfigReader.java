package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the configuration: {@code <home>/config.json} alone ({@link #read}, {@link #parse}), or every
 * layer of {@link ConfigLayers}. Every key is optional; a missing file means all defaults. An unknown
 * key is a {@link ConfigWarning} (a newer Cocoatly may have added it), a wrong type or value an error
 * with code {@code invalid-config} naming the value's origin: an {@link InvalidFileException} with the
 * file and JSON path for a file, a {@link CocoatlyException} naming the variable or flag otherwise.
 *
 * <p>Every layer's values are validated, then the highest layer that sets a key wins; {@code null}
 * (where a key allows it) is a value too, so a project can switch off a proxy the home sets.
 */
public final class ConfigReader {

    static final String CODE = "invalid-config";

    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks5");
    // A URL scheme of two letters or more: `C:\registry` is a Windows path, not a URL.
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private final Home home;
    private final List<ConfigLayer> layers;
    private final List<ConfigWarning> warnings;
    private final Map<String, ConfigOrigin> origins = new LinkedHashMap<>();

    private ConfigReader(Home home, List<ConfigLayer> layers, List<ConfigWarning> warnings) {
        this.home = home;
        this.layers = layers;
        this.warnings = warnings;
    }

    /**
     * The configuration of {@code home} alone: its {@code config.json}, or all defaults if there is
     * none. Commands read {@link ConfigLayers} instead; this is what an installer tool, which has no
     * project or flags, reads.
     *
     * @throws CocoatlyException with code {@code config-unreadable} if the file exists but cannot be read
     * @throws InvalidFileException with code {@code invalid-config} if it is malformed
     */
    public static Config read(Home home) {
        return ConfigLayers.of(home).read();
    }

    /**
     * Reads configuration given as bytes, as the home's file; relative paths in it resolve against
     * {@code home}.
     *
     * @param file named in errors and warnings
     */
    public static Config parse(byte[] bytes, Path file, Home home) {
        List<ConfigWarning> warnings = new ArrayList<>();
        ConfigLayer layer = ConfigLayer.file(parseFile(bytes, file), file, home.root(), warnings);
        return merge(home, List.of(layer), warnings);
    }

    /** The whole file, or empty if there is none. */
    static Optional<byte[]> readFile(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "config-unreadable", "cannot read `" + file + "`: " + e.getMessage(), List.of(), e);
        }
    }

    static JsonCursor parseFile(byte[] bytes, Path file) {
        return StrictJson.parse(bytes, file, CODE, Home.EMPTY_FILE_HINT);
    }

    /** The settings of {@code layers}, lowest first, over the defaults. */
    static Config merge(Home home, List<ConfigLayer> layers, List<ConfigWarning> warnings) {
        return new ConfigReader(home, layers, warnings).config();
    }

    private Config config() {
        Config d = Config.defaults(home);
        Config.Registry registry = new Config.Registry(nullable("registry", "url", ConfigReader::registry),
                nullable("registry", "name", (at, base) -> nonEmpty(at)),
                integer("registry", "download_events_days", d.registry().downloadEventsDays()));
        Config.Storage storage = new Config.Storage(setting("storage", "install_dir", d.storage().installDir(),
                ConfigReader::path));
        Config.Cache cache = new Config.Cache(setting("cache", "dir", d.cache().dir(), ConfigReader::path),
                setting("cache", "max_size", d.cache().maxSize(), (at, base) -> OptionalLong.of(CacheLimits.size(at))),
                setting("cache", "max_age", d.cache().maxAge(), (at, base) -> Optional.of(CacheLimits.age(at))));
        Config.Network n = d.network();
        Config.Network network = new Config.Network(integer("network", "max_concurrent_downloads", n.maxConcurrentDownloads()),
                Duration.ofSeconds(integer("network", "timeout_seconds", (int) n.timeout().toSeconds())),
                integer("network", "retries", n.retries()), nullable("network", "proxy", (at, base) -> proxy(at)),
                integer("network", "min_bytes_per_second", (int) n.minBytesPerSecond()),
                Duration.ofSeconds(integer("network", "deadline_grace_seconds", (int) n.deadlineGrace().toSeconds())),
                setting("network", "offline", n.offline(), (at, base) -> at.bool()));
        Config.Security s = d.security();
        Config.Security security = new Config.Security(
                setting("security", "require_signatures", s.requireSignatures(), (at, base) -> at.bool()),
                setting("security", "trusted_keys", s.trustedKeys(), ConfigReader::trustedKeys),
                setting("security", "checksum", s.checksums(), (at, base) -> checksums(at)));
        Map<ConfigHooks.Hook, List<String>> hooks = new EnumMap<>(ConfigHooks.Hook.class);
        for (ConfigHooks.Hook hook : ConfigHooks.Hook.values()) {
            setting("hooks", hook.key(), Optional.<List<String>>empty(),
                    (at, base) -> Optional.of(argv(at, "a hook command needs a program to run")))
                    .ifPresent(argv -> hooks.put(hook, argv));
        }
        return new Config(registry, storage, cache, network, security, new ConfigHooks(hooks), installer(d.installer()),
                plugins(d.plugins()), warnings, origins);
    }

    private Config.Plugins plugins(Config.Plugins d) {
        List<String> disabled = setting("plugins", "disabled", d.disabled(), (at, base) -> pluginNames(at));
        return new Config.Plugins(disabled, Duration.ofSeconds(integer("plugins", "timeout_seconds",
                (int) d.timeout().toSeconds())));
    }

    // Names only: whether a jar of that name exists is `plugins list`'s business, since a name may
    // be disabled before its jar is dropped in.
    private static List<String> pluginNames(JsonCursor at) {
        List<String> names = new ArrayList<>();
        for (JsonCursor element : at.elements()) {
            String name = nonEmpty(element);
            if (names.contains(name)) {
                throw element.error("`" + name + "` is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    private Config.Installer installer(Config.Installer d) {
        Optional<List<String>> command = nullable("installer", "command",
                (at, base) -> argv(at, "an installer command needs a program to run"));
        Config.PackageLimits l = d.limits();
        OptionalLong bytes = setting("installer", "max_package_bytes", l.maxPackageBytes(), (at, base) -> {
            long v = at.integer();
            if (v < 1) {
                throw at.error("expected a positive number of bytes, found " + v);
            }
            return OptionalLong.of(v);
        });
        return new Config.Installer(command, new Config.PackageLimits(bytes,
                optionalInt("installer", "max_package_entries", l.maxPackageEntries()),
                optionalInt("installer", "max_path_bytes", l.maxPathBytes()),
                optionalInt("installer", "max_path_depth", l.maxPathDepth())),
                Duration.ofSeconds(integer("installer", "lock_timeout_seconds", (int) d.lockTimeout().toSeconds())));
    }

    /** Reads {@code section.key} in every layer that sets it; the highest one's value, else {@code otherwise}. */
    private <T> T setting(String section, String key, T otherwise, ConfigValue.Reader<T> reader) {
        T value = otherwise;
        for (ConfigLayer layer : layers) {
            Optional<ConfigValue> set = layer.get(section, key);
            if (set.isPresent()) {
                value = set.get().read(reader);
                origins.put(section + "." + key, set.get().origin());
            }
        }
        return value;
    }

    /** A key that may be {@code null}, meaning "none", which also overrides a lower layer's value. */
    private <T> Optional<T> nullable(String section, String key, ConfigValue.Reader<T> reader) {
        return setting(section, key, Optional.empty(), (at, base) -> at.isNull() ? Optional.empty()
                : Optional.of(reader.read(at, base)));
    }

    private int integer(String section, String key, int otherwise) {
        ConfigKeys.Key k = ConfigKeys.require(section + "." + key);
        return setting(section, key, otherwise, (at, base) -> at.integer(k.min(), k.max()));
    }

    private OptionalInt optionalInt(String section, String key, OptionalInt otherwise) {
        ConfigKeys.Key k = ConfigKeys.require(section + "." + key);
        return setting(section, key, otherwise, (at, base) -> OptionalInt.of(at.integer(k.min(), k.max())));
    }

    private static List<String> argv(JsonCursor at, String empty) {
        List<JsonCursor> elements;
        try {
            elements = at.elements();
        } catch (InvalidFileException e) {
            throw at.error(e.problem(), "write the command as an array of arguments, e.g. [\"notify-send\", \"installed\"];"
                    + " use [\"sh\", \"-c\", \"...\"] for a shell command");
        }
        List<String> argv = new ArrayList<>();
        for (JsonCursor arg : elements) {
            argv.add(arg.string());
        }
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw at.error(empty);
        }
        return argv;
    }

    private static URI proxy(JsonCursor at) {
        String text = at.string();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw at.error("invalid proxy URI: `" + text + "`", "write it as http://host:port");
        }
        if (uri.getScheme() == null || !PROXY_SCHEMES.contains(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw at.error("expected a proxy like http://host:port (http, https or socks5): `" + text + "`");
        }
        return uri;
    }

    // A URL is kept as written; a path is made absolute against the layer's base, so that the home's
    // `"url": "registry"` means <home>/registry wherever the command runs.
    private static String registry(JsonCursor at, Path base) {
        String text = nonEmpty(at);
        return URL.matcher(text).matches() ? text : path(at, base).toString();
    }

    private static List<ConfigTrustedKey> trustedKeys(JsonCursor at, Path base) {
        List<ConfigTrustedKey> keys = new ArrayList<>();
        for (JsonCursor element : at.elements()) {
            String entry = nonEmpty(element);
            try {
                keys.add(trustedKey(entry, base));
            } catch (InvalidPathException e) {
                throw element.error("neither a base64 public key nor a valid path: `" + entry + "`");
            }
        }
        return keys;
    }

    // Base64 that decodes to exactly 32 bytes is an inline key (no sensible key file name looks
    // like that); anything else is a path, resolved against the layer's base.
    private static ConfigTrustedKey trustedKey(String entry, Path base) {
        try {
            if (Base64.getDecoder().decode(entry).length == ConfigTrustedKey.PUBLIC_KEY_BYTES) {
                return new ConfigTrustedKey.Inline(entry);
            }
        } catch (IllegalArgumentException notBase64) {
            // A path, then.
        }
        return new ConfigTrustedKey.KeyFile(base.resolve(entry).normalize());
    }

    private static List<String> checksums(JsonCursor at) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonCursor element : at.elements()) {
            String name = element.string();
            if (!Config.DIGESTS.contains(name)) {
                throw element.error("unknown digest algorithm: `" + name + "`", "use `sha256`, `blake3` or `sha512`");
            }
            if (!names.add(name)) {
                throw element.error("`" + name + "` is listed twice");
            }
        }
        if (names.isEmpty()) {
            throw at.error("at least one digest must be required", "the default is [\"sha256\"]");
        }
        return List.copyOf(names);
    }

    private static Path path(JsonCursor at, Path base) {
        String text = nonEmpty(at);
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw at.error("invalid path: `" + text + "`");
        }
    }

    private static String nonEmpty(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("must not be empty");
        }
        return text;
    }
}
