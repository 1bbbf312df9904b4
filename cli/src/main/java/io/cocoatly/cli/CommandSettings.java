package io.cocoatly.cli;

import io.cocoatly.config.Config;
import io.cocoatly.config.ConfigFlag;
import io.cocoatly.config.ConfigLayers;
import io.cocoatly.config.ConfigWarning;
import io.cocoatly.config.Credentials;
import io.cocoatly.config.Home;
import io.cocoatly.installer.CacheCleaner;
import io.cocoatly.installer.InstallSettings;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.RegistrySource;
import io.cocoatly.registry.RegistrySources;
import io.cocoatly.registry.http.CacheMode;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.registry.http.RemoteOptions;
import io.cocoatly.transport.BearerToken;
import io.cocoatly.transport.TransportOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one command runs with, read in layers (docs/config.md): defaults, the home's
 * {@code config.json}, the project's {@code .cocoatly/config.json}, {@code COCOATLY_*} variables and
 * the command's flags. And so the one place that decides where the registry is, for every command:
 * {@code --registry}, else {@code COCOATLY_REGISTRY_URL} / {@code COCOATLY_REGISTRY}, else the
 * project's {@code registry.url}, else the home's; and how an {@code http(s)} one is read: its cache
 * ({@code <cache.dir>/registries/}), {@code --offline} / {@code network.offline}, {@code --refresh},
 * the transport of {@code network.*}, and its token ({@code $COCOATLY_REGISTRY_TOKEN}, else the
 * home's {@code credentials.json} for the registry's base URL).
 *
 * @param command  as errors name it, e.g. {@code cocoatly lock}
 * @param context  the run, whose environment holds the token variable and whose end closes the registry
 * @param refresh  {@code --refresh}: revalidate every cached file once
 */
record CommandSettings(String command, Home home, Config config, Context context, boolean refresh,
                       LeftOutWarnings leftOut) {

    /** The flag every registry-reading command has, as errors name it. */
    static final String REGISTRY_FLAG = "--registry";

    /**
     * These settings with every cached file of an http(s) registry revalidated once, as
     * {@code --refresh} asks: for the commands whose answer is what is newer ({@code outdated},
     * {@code update}), which must not answer from a cache the server allowed to keep for a while.
     * Revalidating costs a conditional request per file, answered {@code 304} when nothing changed;
     * {@code --offline} still sends nothing.
     */
    CommandSettings revalidating() {
        return new CommandSettings(command, home, config, context, true, leftOut);
    }

    /**
     * Reads the settings for a command run in {@code context}.
     *
     * @param manifest     the project's {@code cocoatly.json}; its directory's configuration is read
     *                     when it exists
     * @param registryFlag {@code --registry} as typed, or null
     */
    static CommandSettings load(Context context, String command, Path manifest, String registryFlag) {
        return load(context, command, manifest, registryFlag, new RemoteFlags());
    }

    /**
     * Reads the settings for a command that reads a registry: {@code --offline} is the highest layer of
     * {@code network.offline}, {@code --refresh} is kept for opening the registry.
     */
    static CommandSettings load(Context context, String command, Path manifest, String registryFlag, RemoteFlags flags) {
        ConfigLayers layers = layers(context, manifest, registryFlag, flags);
        return new CommandSettings(command, layers.home(), layers.read(), context, flags.refresh, new LeftOutWarnings());
    }

    /**
     * The Cocoatly home of this run: {@code COCOATLY_HOME}, else {@code ~/.cocoatly} (docs/config.md). A
     * relative {@code COCOATLY_HOME} or {@code HOME} is taken from the run's working directory, which is
     * not the process's in the daemon or in tests.
     */
    static Home home(Context context) {
        Map<String, String> env = context.env();
        String override = env.get(Home.ENV);
        if (override != null && !override.isBlank()) {
            env = new HashMap<>(env);
            env.put(Home.ENV, context.cwd().resolve(override).toString());
        }
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Home.locate(env, userHome == null ? null : context.cwd().resolve(userHome));
    }

    /** The layers {@link #load} reads, for a command that shows them rather than runs with them. */
    static ConfigLayers layers(Context context, Path manifest, String registryFlag, RemoteFlags flags) {
        Home home = home(context);
        ConfigLayers layers = ConfigLayers.of(home).withEnvironment(context.env(), context.cwd());
        Path absolute = manifest.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute)) {
            layers = layers.withProject(absolute.getParent());
        }
        if (registryFlag != null) {
            layers = layers.withFlag(new ConfigFlag(REGISTRY_FLAG, "registry.url", registryFlag));
        }
        if (flags.offline) {
            layers = layers.withFlag(new ConfigFlag(RemoteFlags.OFFLINE_FLAG, "network.offline", "true"));
        }
        return layers;
    }

    /**
     * The warnings of every layer, then those of the release entries the registry left out so far,
     * as text output prints them after {@code warning: } and JSON lists them. Call it once the
     * command has read what it needs from the registry, so that the list is complete.
     */
    List<String> warnings() {
        List<String> all = new ArrayList<>(config.warnings().stream().map(ConfigWarning::text).toList());
        all.addAll(leftOut.texts());
        return all;
    }

    /**
     * Prints the warnings on stderr, for text output: those of the settings and of the entries the
     * registry left out so far now, and every entry left out later as soon as it is found.
     */
    void printWarnings(Context context) {
        config.warnings().forEach(w -> context.warn(w.text()));
        leftOut.printLive(context);
    }

    /**
     * For a command that gathers warnings of its own and shows them at the end: under {@code --json},
     * {@link #warnings()} (complete by now) followed by {@code own}; in text mode {@code own} alone,
     * since {@link #printWarnings} already printed the settings' and prints the registry's as found.
     */
    List<String> warningsAnd(List<String> own, boolean json) {
        if (!json) {
            return own;
        }
        List<String> all = new ArrayList<>(warnings());
        all.addAll(own);
        return all;
    }

    /** The registry location, a path or a URL, from the highest layer that names one. */
    Optional<String> registry() {
        return config.registry().url();
    }

    /**
     * The registry, for resolving.
     *
     * @throws CocoatlyException with code {@code usage} if no layer names one, or what
     *     {@link RegistryLocations#open} and reading {@code registry.json} throw
     */
    FileRegistry openRegistry() {
        return open(requireRegistry());
    }

    /**
     * The registry location, for a command that cannot do without one.
     *
     * @throws CocoatlyException with code {@code usage} if no layer names one
     */
    String requireRegistry() {
        return registry().orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "no registry given: `"
                + REGISTRY_FLAG + "` is not set, nor `" + ConfigLayers.REGISTRY_VARIABLE + "`, nor `registry.url` in"
                + " a config file", List.of("pass `--registry DIR`, set " + ConfigLayers.REGISTRY_VARIABLE + ", or set"
                + " `registry.url` in the project's `.cocoatly/config.json` or the home's `config.json`")));
    }

    /** The registry if some layer names one; for commands that can do without. */
    Optional<FileRegistry> openRegistryIfGiven() {
        return registry().map(this::open);
    }

    /** The registry at {@code location}, closed at the end of the run. */
    private FileRegistry open(String location) {
        RegistrySource source = RegistryLocations.open(location, command, remoteOptions(location));
        if (source instanceof AutoCloseable closeable) {
            RunResources.closeAtEnd(context, closeable);
        }
        return FileRegistry.open(source, leftOut);
    }

    /** How the registry at {@code location} is read if it is remote. */
    private RemoteOptions remoteOptions(String location) {
        CacheMode mode = config.network().offline() ? CacheMode.OFFLINE : refresh ? CacheMode.REFRESH : CacheMode.NORMAL;
        return new RemoteOptions(config.cache().dir().resolve(CacheCleaner.REGISTRIES), transport(), mode);
    }

    /**
     * The transport of {@code network.*} for reading the registry and downloading its artifacts, with
     * the registry's token bound to its origin when the registry is remote and a token is found.
     */
    TransportOptions transport() {
        TransportOptions options = InstallSettings.transportOptions(config.network());
        Optional<String> location = registry().filter(RegistryLocations::isRemote);
        if (location.isEmpty()) {
            return options;
        }
        URI base = RegistryLocations.baseUrl(location.get());
        return token(base).map(t -> options.withToken(bearer(base, t))).orElse(options);
    }

    /**
     * The token for the registry at {@code base}, the one rule for every command that reads or writes
     * a registry (docs/registry-protocol.md §1.5): {@code $COCOATLY_REGISTRY_TOKEN}, else the home's
     * {@code credentials.json} entry for {@code base}.
     */
    Optional<String> token(URI base) {
        return Optional.ofNullable(context.env().get(ConfigLayers.TOKEN_VARIABLE)).filter(t -> !t.isBlank())
                .map(String::strip)
                .or(() -> Credentials.read(home).token(base.toString()));
    }

    /** The token for {@code base}, checked; the error never quotes it. */
    static BearerToken bearer(URI base, String token) {
        try {
            return BearerToken.forOrigin(base, token.strip());
        } catch (IllegalArgumentException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-token", "the token for `" + base + "` is not"
                    + " usable: " + e.getMessage(), List.of("a token is one line of printable characters without spaces;"
                    + " check " + ConfigLayers.TOKEN_VARIABLE + " or log in again with `cocoatly login`"));
        }
    }

    /** The registry root that relative artifact URLs resolve against, if a registry is named. */
    Optional<URI> registryRoot() {
        return registry().map(RegistrySources::root);
    }
}
