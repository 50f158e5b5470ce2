package dev.marcus.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cache of derived, re-computable values. Losing an entry must never lose data: the store is the truth.
 * Implementations are thread-safe and never throw for a backend failure; they report a miss instead.
 */
public interface CacheBackend extends AutoCloseable {

    <T> Optional<T> get(String key, Class<T> type);

    void put(String key, Object value, Duration ttl);

    /** The cached value, or the computed one (then cached for {@code ttl}). */
    default <T> T getOrCompute(String key, Class<T> type, Duration ttl, Supplier<T> compute) {
        Optional<T> cached = get(key, type);
        if (cached.isPresent()) {
            return cached.get();
        }
        T value = compute.get();
        if (value != null) {
            put(key, value, ttl);
        }
        return value;
    }

    void invalidate(String key);

    /** Drops every entry whose key starts with {@code prefix}. */
    void invalidatePrefix(String prefix);

    CacheStats stats();

    /** A name such as {@code memory} or {@code redis://host:6379}. */
    String describe();

    @Override
    void close();

    /** Counters since start. */
    record CacheStats(long hits, long misses, long size) {
    }
}
