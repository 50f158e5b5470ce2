package dev.marcus.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cache of derived, re-computable values. Losing an entry must never lose data: the store is the truth.
 * Implementations are thread-safe and never throw for a backend failure; they report a miss instead.
 *
 * <p>Values are immutable records of the core's model (and lists of them): a backend outside the JVM stores them as
 * JSON, and {@link #get} must return a value equal to the one put. Keys are short ASCII strings; a backend adds its
 * own namespace (installation, tenant) in front.
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

    /** A cache that holds nothing: every read is a miss. For embedders that want no caching. */
    static CacheBackend none() {
        return new CacheBackend() {
            private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();

            @Override
            public <T> Optional<T> get(String key, Class<T> type) {
                misses.increment();
                return Optional.empty();
            }

            @Override
            public void put(String key, Object value, Duration ttl) {
            }

            @Override
            public void invalidate(String key) {
            }

            @Override
            public void invalidatePrefix(String prefix) {
            }

            @Override
            public CacheStats stats() {
                return new CacheStats(0, misses.sum(), 0);
            }

            @Override
            public String describe() {
                return "none";
            }

            @Override
            public void close() {
            }
        };
    }

    /** Counters since start. */
    record CacheStats(long hits, long misses, long size) {
    }
}
