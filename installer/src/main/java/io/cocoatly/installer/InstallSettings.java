package io.cocoatly.installer;

import io.cocoatly.artifact.VerificationPolicy;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.artifact.KeyException;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.DigestAlgorithm;
import io.cocoatly.transport.TransportOptions;
import io.cocoatly.config.ConfigTrustedKey;
import io.cocoatly.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the installer takes from {@code config.json}, turned into the pipeline's own types:
 * where packages and the cache live, the {@link VerificationPolicy} (required digests, signatures,
 * trusted keys loaded from their files), download behaviour and extraction limits.
 *
 * @param installDir packages go to {@code <installDir>/<name>/<version>/}
 * @param cacheDir   the content-addressed download cache
 * @param lifecycle  what runs at the pipeline's hook positions (the CLI's plugins and shell hooks);
 *                   {@link Lifecycle#NONE} from {@link #from}
 * @param lockTimeout how long a change waits for another process holding the lock
 *                   ({@code installer.lock_timeout_seconds}, default 120 s)
 * @param cachePolicy what of the cache is kept after an install ({@code cache.max_size}, {@code cache.max_age})
 */
public record InstallSettings(Path installDir, Path cacheDir, VerificationPolicy policy, TransportOptions download,
                              ExtractionLimits limits, Lifecycle lifecycle, Duration lockTimeout, CachePolicy cachePolicy) {

    /** Checks that nothing is null. */
    public InstallSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(cachePolicy, "cachePolicy");
    }

    /** These settings keeping the whole cache. */
    public InstallSettings(Path installDir, Path cacheDir, VerificationPolicy policy, TransportOptions download,
                           ExtractionLimits limits, Lifecycle lifecycle, Duration lockTimeout) {
        this(installDir, cacheDir, policy, download, limits, lifecycle, lockTimeout, CachePolicy.none());
    }

    /** These settings with the default lock timeout, {@link Config.Installer#DEFAULT_LOCK_TIMEOUT}. */
    public InstallSettings(Path installDir, Path cacheDir, VerificationPolicy policy, TransportOptions download,
                           ExtractionLimits limits, Lifecycle lifecycle) {
        this(installDir, cacheDir, policy, download, limits, lifecycle, Config.Installer.DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * The settings {@code config} describes. Trusted key files are read now, so a missing or broken
     * key file is reported before anything is downloaded.
     *
     * @throws KeyException if a trusted key is malformed or its file cannot be read
     */
    public static InstallSettings from(Config config) {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (ConfigTrustedKey k : config.security().trustedKeys()) {
            if (k instanceof ConfigTrustedKey.Inline) {
                keys.add(Ed25519PublicKey.parse(((ConfigTrustedKey.Inline) k).base64()));
            } else if (k instanceof ConfigTrustedKey.KeyFile) {
                keys.add(Ed25519PublicKey.read(((ConfigTrustedKey.KeyFile) k).file()));
            } else {
                throw new AssertionError(k);
            }
        }
        Set<DigestAlgorithm> required = EnumSet.noneOf(DigestAlgorithm.class);
        config.security().checksums().forEach(name -> required.add(DigestAlgorithm.of(name)));
        VerificationPolicy policy = new VerificationPolicy(required, config.security().requireSignatures(),
                TrustedKeys.of(keys));
        TransportOptions download = transportOptions(config.network());
        return new InstallSettings(config.storage().installDir(), config.cache().dir(), policy, download,
                extractionLimits(config.installer().limits()), Lifecycle.NONE, config.installer().lockTimeout(),
                CachePolicy.from(config.cache()));
    }

    /**
     * The transport that {@code network.*} describes: concurrency, timeouts, retries, proxy and the
     * download deadline. The one mapping from settings to {@link TransportOptions}, for downloads and
     * for reading remote registries alike; it carries no token.
     */
    public static TransportOptions transportOptions(Config.Network n) {
        return TransportOptions.defaults().withMaxConcurrent(n.maxConcurrentDownloads())
                .withTimeout(n.timeout()).withRetries(n.retries()).withProxy(n.proxy())
                .withMinRate(n.minBytesPerSecond(), n.deadlineGrace());
    }

    /** The same settings installing into {@code dir} instead. */
    public InstallSettings withInstallDir(Path dir) {
        return new InstallSettings(dir, cacheDir, policy, download, limits, lifecycle, lockTimeout, cachePolicy);
    }

    /** The same settings with another download configuration (tests shorten backoffs with it). */
    public InstallSettings withDownload(TransportOptions options) {
        return new InstallSettings(installDir, cacheDir, policy, options, limits, lifecycle, lockTimeout, cachePolicy);
    }

    /** The same settings running {@code lifecycle} at the pipeline's hook positions. */
    public InstallSettings withLifecycle(Lifecycle lifecycle) {
        return new InstallSettings(installDir, cacheDir, policy, download, limits, lifecycle, lockTimeout, cachePolicy);
    }

    /** The configured archive bounds over the installer's defaults. */
    static ExtractionLimits extractionLimits(Config.PackageLimits configured) {
        ExtractionLimits limits = ExtractionLimits.defaults();
        if (configured.maxPackageBytes().isPresent()) {
            limits = limits.withMaxTotalBytes(configured.maxPackageBytes().getAsLong());
        }
        if (configured.maxPackageEntries().isPresent()) {
            limits = limits.withMaxEntries(configured.maxPackageEntries().getAsInt());
        }
        if (configured.maxPathBytes().isPresent()) {
            limits = limits.withMaxPathBytes(configured.maxPathBytes().getAsInt());
        }
        if (configured.maxPathDepth().isPresent()) {
            limits = limits.withMaxDepth(configured.maxPathDepth().getAsInt());
        }
        return limits;
    }
}
