package io.cocoatly.registry.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files a {@link FileSource} has prepared, by registry-relative path, within a budget of
 * bytes. Past the budget it starts over rather than tracking what is least used: a hot file is
 * prepared again on its next request, and the hot path stays one map lookup.
 *
 * @param <V> what is kept per path; the caller checks it is still current
 */
final class EntryCache<V> {

    private final long maxBytes;
    private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    EntryCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What is kept for {@code relative}, or null. */
    V get(String relative) {
        return entries.get(relative);
    }

    /** Keeps {@code value}, which holds about {@code footprint} bytes. */
    void put(String relative, V value, long footprint) {
        if (bytes.addAndGet(footprint) > maxBytes) {
            entries.clear();
            bytes.set(footprint);
        }
        entries.put(relative, value);
    }
}
