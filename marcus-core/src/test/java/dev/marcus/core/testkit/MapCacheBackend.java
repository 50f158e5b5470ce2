package dev.marcus.core.testkit;

import dev.marcus.core.port.CacheBackend;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A plain map {@link CacheBackend} for core tests: expiry checked on read, no size bound. */
public final class MapCacheBackend implements CacheBackend {
    private record Entry(Object value, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Entry e = map.get(key);
        if (e == null || e.expiresAtNanos() - System.nanoTime() <= 0 || !type.isInstance(e.value())) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(type.cast(e.value()));
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        map.put(key, new Entry(value, System.nanoTime() + ttl.toNanos()));
    }

    @Override
    public void invalidate(String key) {
        map.remove(key);
    }

    @Override
    public void invalidatePrefix(String prefix) {
        map.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), map.size());
    }

    @Override
    public String describe() {
        return "map";
    }

    @Override
    public void close() {
        map.clear();
    }
}
