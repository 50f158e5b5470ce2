package dev.marcus.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.marcus.core.port.CacheBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** {@link CacheBackend} in this JVM's memory (Caffeine): bounded in size, each entry with its own time to live. */
public final class InMemoryCacheBackend implements CacheBackend {
    private record Entry(Object value, long ttlNanos) {
    }

    private final Cache<String, Entry> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maximumSize how many entries to keep at most; the least recently used go first */
    public InMemoryCacheBackend(long maximumSize) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("cache.max_entries must be positive, got " + maximumSize);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry e, long now) {
                        return e.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry e, long now, long current) {
                        return e.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry e, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Entry e = cache.getIfPresent(key);
        if (e == null || !type.isInstance(e.value())) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(type.cast(e.value()));
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        if (value == null || ttl == null || ttl.isZero() || ttl.isNegative()) {
            cache.invalidate(key);
            return;
        }
        cache.put(key, new Entry(value, ttl.toNanos()));
    }

    @Override
    public void invalidate(String key) {
        cache.invalidate(key);
    }

    @Override
    public void invalidatePrefix(String prefix) {
        cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Drops every entry (counters stay). */
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public CacheStats stats() {
        cache.cleanUp();
        return new CacheStats(hits.sum(), misses.sum(), cache.estimatedSize());
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
