package io.cocoatly.registry.http;

/** How an {@link HttpRegistrySource} uses its cache (docs/registry-protocol.md §1.3). */
public enum CacheMode {
    /** A fresh cached file is used without a request; a stale one is revalidated. */
    NORMAL,
    /** {@code --refresh}: every cached file is revalidated once, fresh or not. */
    REFRESH,
    /**
     * {@code --offline} ({@code network.offline}): no request at all; what is cached is used, fresh or
     * not, and what is not cached is an {@code offline-not-cached} error.
     */
    OFFLINE
}
