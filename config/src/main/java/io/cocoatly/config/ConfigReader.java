package io.cocoatly.config;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code <home>/config.json}. Every key is optional; a missing file means all defaults. An
 * unknown key is a {@link ConfigWarning} (a newer Cocoatly may have added it), a wrong type or value
 * an {@link InvalidFileException} with code {@code invalid-config} naming the JSON path.
 */
public final class ConfigReader {

    static final String CODE = "invalid-config";

    private static final Set<String> SECTIONS = Set.of("registry", "storage", "cache", "network", "security", "hooks",
            "installer");
    private static final Set<String> REGISTRY = Set.of("url", "name");
    private static final Set<String> STORAGE = Set.of("install_dir");
    private static final Set<String> CACHE = Set.of("dir");
    private static final Set<String> NETWORK = Set.of("max_concurrent_downloads", "timeout_seconds", "retries", "proxy");
    private static final Set<String> SECURITY = Set.of("require_signatures", "trusted_keys", "checksum");
    private static final Set<String> INSTALLER = Set.of("command", "max_package_bytes", "max_package_entries",
            "max_path_bytes", "max_path_depth");
    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks5");

    private final Home home;
    private final Path file;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private ConfigReader(Home home, Path file) {
        this.home = home;
        this.file = file;
    }

    /**
     * The configuration of {@code home}: its {@code config.json}, or all defaults if there is none.
     *
     * @throws CocoatlyException with code {@code config-unreadable} if the file exists but cannot be read
     * @throws InvalidFileException with code {@code invalid-config} if it is malformed
     */
    public static Config read(Home home) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(home.configFile());
        } catch (NoSuchFileException e) {
            return Config.defaults(home);
        } catch (IOException e) {
            throw new CocoatlyException("config-unreadable", "cannot read `" + home.configFile() + "`: " + e.getMessage(),
                    List.of(), e);
        }
        return parse(bytes, home.configFile(), home);
    }

    /**
     * Reads configuration given as bytes; relative paths in it resolve against {@code home}.
     *
     * @param file named in errors and warnings
     */
    public static Config parse(byte[] bytes, Path file, Home home) {
        return new ConfigReader(home, file).config(StrictJson.parse(bytes, file, CODE, Home.EMPTY_FILE_HINT));
    }

    private Config config(JsonCursor root) {
        Config d = Config.defaults(home);
        warnUnknown(root, SECTIONS);
        Config.Registry registry = section(root, "registry", REGISTRY)
                .map(at -> new Config.Registry(nullableText(at, "url"), nullableText(at, "name")))
                .orElse(d.registry());
        Config.Storage storage = section(root, "storage", STORAGE)
                .map(at -> new Config.Storage(at.optional("install_dir").map(this::path).orElse(d.storage().installDir())))
                .orElse(d.storage());
        Config.Cache cache = section(root, "cache", CACHE)
                .map(at -> new Config.Cache(at.optional("dir").map(this::path).orElse(d.cache().dir())))
                .orElse(d.cache());
        Config.Network network = section(root, "network", NETWORK).map(at -> network(at, d.network())).orElse(d.network());
        Config.Security security = section(root, "security", SECURITY).map(at -> security(at, d.security())).orElse(d.security());
        ConfigHooks hooks = root.optional("hooks").map(this::hooks).orElse(d.hooks());
        Config.Installer installer = section(root, "installer", INSTALLER).map(at -> installer(at, d.installer()))
                .orElse(d.installer());
        return new Config(registry, storage, cache, network, security, hooks, installer, warnings);
    }

    private Optional<JsonCursor> section(JsonCursor root, String key, Set<String> known) {
        return root.optional(key).map(at -> {
            warnUnknown(at, known);
            return at;
        });
    }

    private Config.Network network(JsonCursor at, Config.Network d) {
        int max = at.optional("max_concurrent_downloads").map(c -> c.integer(1, 256)).orElse(d.maxConcurrentDownloads());
        Duration timeout = at.optional("timeout_seconds").map(c -> Duration.ofSeconds(c.integer(1, 3600))).orElse(d.timeout());
        int retries = at.optional("retries").map(c -> c.integer(0, 100)).orElse(d.retries());
        Optional<URI> proxy = at.optional("proxy").filter(c -> !c.isNull()).map(ConfigReader::proxy);
        return new Config.Network(max, timeout, retries, proxy);
    }

    private Config.Installer installer(JsonCursor at, Config.Installer d) {
        Optional<List<String>> command = at.optional("command").filter(c -> !c.isNull()).map(c -> {
            List<String> argv = new ArrayList<>();
            for (JsonCursor arg : argvElements(c)) {
                argv.add(arg.string());
            }
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw c.error("an installer command needs a program to run");
            }
            return argv;
        });
        Config.PackageLimits d2 = d.limits();
        OptionalLong bytes = d2.maxPackageBytes();
        Optional<JsonCursor> bytesAt = at.optional("max_package_bytes");
        if (bytesAt.isPresent()) {
            long v = bytesAt.get().integer();
            if (v < 1) {
                throw bytesAt.get().error("expected a positive number of bytes, found " + v);
            }
            bytes = OptionalLong.of(v);
        }
        Config.PackageLimits limits = new Config.PackageLimits(bytes,
                optionalInt(at, "max_package_entries", 1, Integer.MAX_VALUE, d2.maxPackageEntries()),
                optionalInt(at, "max_path_bytes", 1, 65_536, d2.maxPathBytes()),
                optionalInt(at, "max_path_depth", 1, 4096, d2.maxPathDepth()));
        return new Config.Installer(command, limits);
    }

    private static OptionalInt optionalInt(JsonCursor at, String key, int min, int max, OptionalInt otherwise) {
        Optional<JsonCursor> value = at.optional(key);
        return value.isPresent() ? OptionalInt.of(value.get().integer(min, max)) : otherwise;
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

    private Config.Security security(JsonCursor at, Config.Security d) {
        boolean require = at.optional("require_signatures").map(JsonCursor::bool).orElse(d.requireSignatures());
        List<ConfigTrustedKey> keys = at.optional("trusted_keys").map(this::trustedKeys).orElse(d.trustedKeys());
        List<String> checksums = at.optional("checksum").map(ConfigReader::checksums).orElse(d.checksums());
        return new Config.Security(require, keys, checksums);
    }

    private List<ConfigTrustedKey> trustedKeys(JsonCursor at) {
        List<ConfigTrustedKey> keys = new ArrayList<>();
        for (JsonCursor element : at.elements()) {
            String entry = nonEmpty(element);
            try {
                keys.add(trustedKey(entry));
            } catch (InvalidPathException e) {
                throw element.error("neither a base64 public key nor a valid path: `" + entry + "`");
            }
        }
        return keys;
    }

    // Base64 that decodes to exactly 32 bytes is an inline key (no sensible key file name looks
    // like that); anything else is a path, resolved against the home.
    private ConfigTrustedKey trustedKey(String entry) {
        try {
            if (Base64.getDecoder().decode(entry).length == ConfigTrustedKey.PUBLIC_KEY_BYTES) {
                return new ConfigTrustedKey.Inline(entry);
            }
        } catch (IllegalArgumentException notBase64) {
            // A path, then.
        }
        return new ConfigTrustedKey.KeyFile(home.root().resolve(entry).normalize());
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

    private ConfigHooks hooks(JsonCursor at) {
        Map<ConfigHooks.Hook, List<String>> commands = new EnumMap<>(ConfigHooks.Hook.class);
        for (String key : at.keys()) {
            JsonCursor value = at.required(key);
            Optional<ConfigHooks.Hook> hook = ConfigHooks.Hook.fromKey(key);
            if (hook.isEmpty()) {
                warnings.add(unknownKey(value.path(), key, keys(ConfigHooks.Hook.values())));
                continue;
            }
            List<String> argv = new ArrayList<>();
            for (JsonCursor arg : argvElements(value)) {
                argv.add(arg.string());
            }
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw value.error("a hook command needs a program to run");
            }
            commands.put(hook.get(), argv);
        }
        return new ConfigHooks(commands);
    }

    private static List<JsonCursor> argvElements(JsonCursor value) {
        try {
            return value.elements();
        } catch (InvalidFileException e) {
            throw value.error(e.problem(), "write the command as an array of arguments, e.g. [\"notify-send\", \"installed\"];"
                    + " use [\"sh\", \"-c\", \"...\"] for a shell command");
        }
    }

    private Path path(JsonCursor at) {
        String text = nonEmpty(at);
        try {
            return home.root().resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw at.error("invalid path: `" + text + "`");
        }
    }

    private static Optional<String> nullableText(JsonCursor section, String key) {
        return section.optional(key).filter(c -> !c.isNull()).map(ConfigReader::nonEmpty);
    }

    private static String nonEmpty(JsonCursor at) {
        String text = at.string();
        if (text.isEmpty()) {
            throw at.error("must not be empty");
        }
        return text;
    }

    private void warnUnknown(JsonCursor at, Set<String> known) {
        for (String key : at.keys()) {
            if (!known.contains(key)) {
                warnings.add(unknownKey(JsonCursor.keyPath(at.path(), key), key, known));
            }
        }
    }

    private ConfigWarning unknownKey(String path, String key, Set<String> known) {
        String suggestion = Typos.closestOrAffixed(key, known).map(k -> "; did you mean `" + k + "`?").orElse("");
        return new ConfigWarning(file, path, "unknown key `" + key + "`, ignored" + suggestion);
    }

    private static Set<String> keys(ConfigHooks.Hook[] hooks) {
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigHooks.Hook h : hooks) {
            keys.add(h.key());
        }
        return keys;
    }
}
