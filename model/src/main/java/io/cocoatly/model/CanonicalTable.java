package io.cocoatly.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One value per key, shared by every thread, in a table that starts afresh once it holds {@code limit}
 * keys: what keeps one object per package name ({@link PackageName#of}) and one parsed range per
 * requirement text and per distinct range ({@link VersionRange#parse}). The limit bounds the memory of
 * a long-running process; losing the table only costs the next look-ups their sharing, never an answer.
 */
final class CanonicalTable<K, V> {

    private final int limit;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    CanonicalTable(int limit) {
        this.limit = limit;
    }

    /** The value kept for {@code key}, or null. */
    V get(K key) {
        return values.get(key);
    }

    /** Keeps {@code value} for {@code key} unless a value is kept already; returns the one kept. */
    V keep(K key, V value) {
        if (values.size() >= limit) {
            values.clear();
        }
        V kept = values.putIfAbsent(key, value);
        return kept != null ? kept : value;
    }
}
