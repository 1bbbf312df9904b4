package io.cocoatly.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings, every one with a default (see {@code docs/config.md}), merged from the layers of
 * {@link ConfigLayers} or read from the home's file alone with {@link ConfigReader};
 * {@link #defaults(Home)} is what no configuration at all means.
 *
 * @param warnings unknown keys found while reading, for the caller to show; never printed here
 * @param origins  where each setting that is not at its default came from, by {@code <section>.<key>}
 *                 (e.g. {@code network.timeout_seconds}, {@code hooks.on_post_install})
 */
public record Config(Registry registry, Storage storage, Cache cache, Network network, Security security,
        ConfigHooks hooks, Installer installer, Plugins plugins, List<ConfigWarning> warnings,
        Map<String, ConfigOrigin> origins) {

    /** Digest algorithms {@code security.checksum} may name. */
    public static final Set<String> DIGESTS = Set.of("sha256", "blake3", "sha512");

    public Config {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(installer, "installer");
        Objects.requireNonNull(plugins, "plugins");
        warnings = List.copyOf(warnings);
        origins = Map.copyOf(origins);
    }

    /**
     * Settings read before the {@code plugins} section existed, or made by code: the plugins' settings
     * are the defaults ({@link Plugins#defaults()}).
     */
    public Config(Registry registry, Storage storage, Cache cache, Network network, Security security, ConfigHooks hooks,
            Installer installer, List<ConfigWarning> warnings, Map<String, ConfigOrigin> origins) {
        this(registry, storage, cache, network, security, hooks, installer, Plugins.defaults(), warnings, origins);
    }

    /** Settings made by code rather than read, e.g. the defaults with another install directory: every origin is the default. */
    public Config(Registry registry, Storage storage, Cache cache, Network network, Security security, ConfigHooks hooks,
            Installer installer, List<ConfigWarning> warnings) {
        this(registry, storage, cache, network, security, hooks, installer, warnings, Map.of());
    }

    /**
     * Where the setting {@code key} ({@code <section>.<key>}, e.g. {@code registry.url}) came from;
     * {@link ConfigOrigin.Default} if no layer set it.
     */
    public ConfigOrigin origin(String key) {
        return origins.getOrDefault(key, new ConfigOrigin.Default());
    }

    /** Every setting at its default, for the given home. */
    public static Config defaults(Home home) {
        return new Config(new Registry(Optional.empty(), Optional.empty()), new Storage(home.packagesDir()),
                new Cache(home.cacheDir()), new Network(8, Duration.ofSeconds(30), 3, Optional.empty()),
                new Security(true, List.of(), List.of("sha256")), ConfigHooks.none(),
                new Installer(Optional.empty(), PackageLimits.none()), List.of());
    }

    /**
     * The default registry ({@code registry.url}, {@code registry.name}); both absent by default. And,
     * for a registry served from a database, how long its download events are kept.
     *
     * @param url                a URL as written (it has a scheme: {@code file:}, {@code https:} ...), or else an
     *                           absolute path: a relative one was taken from the directory of the file that gave it
     *                           (the home, or the project), or from the working directory for a variable or flag
     * @param downloadEventsDays {@code registry.download_events_days}: the days of download events (IP address,
     *                           user agent) {@code registry serve --db} keeps; the per-day counts are kept for ever
     */
    public record Registry(Optional<String> url, Optional<String> name, int downloadEventsDays) {

        /** The days of download events kept unless {@code registry.download_events_days} says otherwise. */
        public static final int DEFAULT_DOWNLOAD_EVENTS_DAYS = 90;

        /** Checks the fields. */
        public Registry {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(name, "name");
            if (downloadEventsDays < 1) {
                throw new IllegalArgumentException("downloadEventsDays must be positive, got " + downloadEventsDays);
            }
        }

        /** {@code url} and {@code name} with the default retention of download events. */
        public Registry(Optional<String> url, Optional<String> name) {
            this(url, name, DEFAULT_DOWNLOAD_EVENTS_DAYS);
        }
    }

    /** Where packages are installed: {@code <installDir>/<name>/<version>/}. */
    public record Storage(Path installDir) {
        public Storage {
            Objects.requireNonNull(installDir, "installDir");
        }
    }

    /**
     * The content-addressed download cache and how big and old it may grow.
     *
     * @param dir     {@code cache.dir}
     * @param maxSize {@code cache.max_size}: the bytes of artifact entries kept after an install; empty
     *                for no limit (the default)
     * @param maxAge  {@code cache.max_age}: an artifact entry unused for longer is removed after an
     *                install; empty for no limit (the default)
     */
    public record Cache(Path dir, OptionalLong maxSize, Optional<Duration> maxAge) {
        /** Checks the fields. */
        public Cache {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(maxSize, "maxSize");
            Objects.requireNonNull(maxAge, "maxAge");
        }

        /** The cache in {@code dir}, without limits. */
        public Cache(Path dir) {
            this(dir, OptionalLong.empty(), Optional.empty());
        }
    }

    /**
     * Download settings.
     *
     * @param timeout per connection attempt and per read
     * @param retries extra attempts after the first on retryable failures
     * @param proxy   an {@code http}, {@code https} or {@code socks5} proxy URI with host and port
     * @param minBytesPerSecond {@code network.min_bytes_per_second}: a download must finish within
     *                the grace period plus its size at this rate; 0 sets no such deadline
     * @param deadlineGrace {@code network.deadline_grace_seconds}: the time added to every deadline
     * @param offline {@code network.offline}: read remote registries from the cache only, never sending a
     *                request (the flag {@code --offline} sets it for one command)
     */
    public record Network(int maxConcurrentDownloads, Duration timeout, int retries, Optional<URI> proxy,
                          long minBytesPerSecond, Duration deadlineGrace, boolean offline) {

        /** {@code network.min_bytes_per_second} by default: 4 KiB/s. */
        public static final long DEFAULT_MIN_BYTES_PER_SECOND = 4096;

        /** {@code network.deadline_grace_seconds} by default: 60 s. */
        public static final Duration DEFAULT_DEADLINE_GRACE = Duration.ofSeconds(60);

        public Network {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(deadlineGrace, "deadlineGrace");
            if (maxConcurrentDownloads < 1 || retries < 0 || timeout.isNegative() || timeout.isZero()
                    || minBytesPerSecond < 0 || deadlineGrace.isNegative()) {
                throw new IllegalArgumentException("invalid network settings");
            }
        }

        /** These settings with the default download deadline, online. */
        public Network(int maxConcurrentDownloads, Duration timeout, int retries, Optional<URI> proxy) {
            this(maxConcurrentDownloads, timeout, retries, proxy, DEFAULT_MIN_BYTES_PER_SECOND, DEFAULT_DEADLINE_GRACE);
        }

        /** These settings, online. */
        public Network(int maxConcurrentDownloads, Duration timeout, int retries, Optional<URI> proxy,
                       long minBytesPerSecond, Duration deadlineGrace) {
            this(maxConcurrentDownloads, timeout, retries, proxy, minBytesPerSecond, deadlineGrace, false);
        }
    }

    /**
     * What must be verified before a byte is installed.
     *
     * @param requireSignatures refuse artifacts without a valid signature by a trusted key
     * @param trustedKeys       the keys (inline or in key files) whose signatures are accepted
     * @param checksums         digests every artifact must carry and match, from {@link #DIGESTS};
     *                          other digests present are checked as well
     */
    public record Security(boolean requireSignatures, List<ConfigTrustedKey> trustedKeys, List<String> checksums) {
        public Security {
            trustedKeys = List.copyOf(trustedKeys);
            checksums = List.copyOf(checksums);
            if (checksums.isEmpty() || !DIGESTS.containsAll(checksums)) {
                throw new IllegalArgumentException("checksums must name at least one of " + DIGESTS + ": " + checksums);
            }
        }
    }

    /**
     * How packages are installed ({@code installer.*}).
     *
     * @param command an external installer speaking the JSON protocol of {@code docs/ipc.md}, as an
     *                argument vector to which the operation name is appended; empty: the built-in one
     * @param limits  bounds on what one package archive may unpack to
     * @param lockTimeout {@code installer.lock_timeout_seconds}: how long a change waits for another
     *                process holding the installation's lock before it gives up
     */
    public record Installer(Optional<List<String>> command, PackageLimits limits, Duration lockTimeout) {

        /** {@code installer.lock_timeout_seconds} by default: 120 s. */
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(120);

        public Installer {
            command = command.map(List::copyOf);
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            if (lockTimeout.isNegative()) {
                throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
            }
        }

        /** These settings with the default lock timeout. */
        public Installer(Optional<List<String>> command, PackageLimits limits) {
            this(command, limits, DEFAULT_LOCK_TIMEOUT);
        }
    }

    /**
     * Bounds on one package archive that the configuration sets ({@code installer.max_*}); an empty
     * value leaves the installer's own default in force.
     *
     * @param maxPackageBytes   {@code installer.max_package_bytes}: total unpacked bytes
     * @param maxPackageEntries {@code installer.max_package_entries}: number of entries
     * @param maxPathBytes      {@code installer.max_path_bytes}: UTF-8 length of an entry's path
     * @param maxPathDepth      {@code installer.max_path_depth}: path components of an entry's path
     */
    public record PackageLimits(OptionalLong maxPackageBytes, OptionalInt maxPackageEntries, OptionalInt maxPathBytes,
                                OptionalInt maxPathDepth) {
        public PackageLimits {
            Objects.requireNonNull(maxPackageBytes, "maxPackageBytes");
            Objects.requireNonNull(maxPackageEntries, "maxPackageEntries");
            Objects.requireNonNull(maxPathBytes, "maxPathBytes");
            Objects.requireNonNull(maxPathDepth, "maxPathDepth");
        }

        /** No limit set: the installer's defaults apply. */
        public static PackageLimits none() {
            return new PackageLimits(OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /**
     * The plugins of {@code <home>/plugins/} and the built-in one running {@link #hooks()}
     * ({@code plugins.*}, docs/plugins.md). Like {@code hooks}, only the user's own layers may set
     * them: a project's config cannot switch off a policy plugin.
     *
     * @param disabled {@code plugins.disabled}: the names of the plugins never loaded nor run (a jar's
     *                 file name without {@code .jar}, or {@code shell-hooks}), without repeats, as written
     * @param timeout  {@code plugins.timeout_seconds}: how long one hook call may take, a plugin's method
     *                 or a shell hook's process, before it counts as a failure (a veto before the change,
     *                 a warning after it)
     */
    public record Plugins(List<String> disabled, Duration timeout) {

        /** {@code plugins.timeout_seconds} by default: 60 s. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        /** Checks the fields. */
        public Plugins {
            disabled = List.copyOf(new java.util.LinkedHashSet<>(disabled));
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a plugin time limit is positive: " + timeout);
            }
        }

        /** None disabled, the default time limit. */
        public static Plugins defaults() {
            return new Plugins(List.of(), DEFAULT_TIMEOUT);
        }
    }
}
