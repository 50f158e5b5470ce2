package dev.marcus.cache;

import dev.marcus.core.port.CacheBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@link CacheBackend} in Redis, shared by every process of an installation: values are JSON (Jackson), keys are
 * namespaced by installation and tenant ({@link RedisSettings#namespace()}), every command is bounded by the settings'
 * timeout (tens of milliseconds) on a pooled Jedis {@link RedisClient}. A Redis failure is a miss, never an exception;
 * {@link TieredCacheBackend} puts a circuit breaker and a memory tier in front of it.
 */
public final class RedisCacheBackend implements CacheBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheBackend.class);
    private static final int SCAN_BATCH = 500;

    private final RedisSettings settings;
    private final RedisClient client;
    private final String namespace;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();

    public RedisCacheBackend(RedisSettings settings) {
        this.settings = settings;
        this.namespace = settings.namespace();
        this.client = RedisConnections.pooled(settings, "marcus-cache");
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        try {
            return fetch(key, type);
        } catch (RuntimeException e) {
            failed("get", e);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        try {
            store(key, value, ttl);
        } catch (RuntimeException e) {
            failed("put", e);
        }
    }

    @Override
    public void invalidate(String key) {
        try {
            delete(key);
        } catch (RuntimeException e) {
            failed("invalidate", e);
        }
    }

    @Override
    public void invalidatePrefix(String prefix) {
        try {
            deletePrefix(prefix);
        } catch (RuntimeException e) {
            failed("invalidatePrefix", e);
        }
    }

    /** The value, empty on a miss or an unreadable value; throws when Redis cannot be reached. */
    <T> Optional<T> fetch(String key, Class<T> type) {
        String json = client.get(namespace + key);
        if (json == null) {
            misses.increment();
            return Optional.empty();
        }
        try {
            T value = JsonCodec.read(json, type);
            hits.increment();
            return Optional.of(value);
        } catch (RuntimeException e) {
            // written by another version, or under another type: a miss, not a Redis failure
            misses.increment();
            LOG.debug("cache entry {} is not a {}: {}", key, type.getSimpleName(), e.toString());
            return Optional.empty();
        }
    }

    /** Stores the value; throws when Redis cannot be reached. */
    void store(String key, Object value, Duration ttl) {
        if (value == null || ttl == null || ttl.isZero() || ttl.isNegative()) {
            delete(key);
            return;
        }
        client.set(namespace + key, JsonCodec.write(value), SetParams.setParams().px(Math.max(1, ttl.toMillis())));
    }

    void delete(String key) {
        client.unlink(namespace + key);
    }

    /** Deletes every key of this namespace that starts with {@code prefix} (SCAN, never KEYS). */
    void deletePrefix(String prefix) {
        ScanParams params = new ScanParams().match(escapeGlob(namespace + prefix) + "*").count(SCAN_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, params);
            List<String> keys = new ArrayList<>(page.getResult());
            if (!keys.isEmpty()) {
                client.unlink(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /** PING; throws when Redis does not answer within the timeout. */
    void ping() {
        client.ping();
    }

    /** Publishes on a channel of this namespace; throws when Redis cannot be reached. */
    void publish(String channel, String message) {
        client.publish(namespace + channel, message);
    }

    RedisSettings settings() {
        return settings;
    }

    private void failed(String op, RuntimeException e) {
        errors.increment();
        misses.increment();
        LOG.debug("redis {} failed: {}", op, e.toString());
    }

    static String escapeGlob(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Hits and misses of reads that reached Redis; {@code size} is not tracked (0). */
    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), 0);
    }

    /** Calls that failed because Redis could not be reached or answered too late. */
    public long errors() {
        return errors.sum();
    }

    @Override
    public String describe() {
        return "redis " + settings.describe() + " (" + settings.namespace() + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
