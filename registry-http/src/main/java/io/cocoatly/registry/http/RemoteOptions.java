package io.cocoatly.registry.http;

import io.cocoatly.transport.TransportOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a remote registry is read.
 *
 * @param cacheDir  the directory that holds one cache directory per registry (the cli passes
 *                  {@code <cache.dir>/registries/}); created when first written
 * @param transport timeouts, retries, proxy, {@code maxConcurrent} (the requests in flight at once,
 *                  prefetches included) and the registry's token, bound to its origin
 * @param mode      normal, {@code --refresh} or {@code --offline}
 */
public record RemoteOptions(Path cacheDir, TransportOptions transport, CacheMode mode) {

    /** Checks that nothing is null. */
    public RemoteOptions {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(mode, "mode");
    }
}
