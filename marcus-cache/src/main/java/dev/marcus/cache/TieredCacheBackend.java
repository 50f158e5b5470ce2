package dev.marcus.cache;

import dev.marcus.core.port.CacheBackend;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory in front of Redis. Reads look in this process's memory first, then in Redis (and keep what they found in
 * memory for at most {@code nearTtl}); writes go to both, and every write or invalidation is announced on a Redis
 * pub/sub channel so that every other process drops its memory copy of that key.
 *
 * <p>When Redis fails, a {@link CircuitBreaker} takes it out of the path: no call waits on a dead Redis longer than the
 * Redis timeout, and the cache goes on in memory alone. Keys written or invalidated meanwhile are remembered; once the
 * breaker's half-open probe (a PING, at most one per {@code retryAfter}) succeeds, they are deleted from Redis (their
 * Redis copies may be stale) and Redis is used again. While the invalidation channel is down, other processes'
 * writes are not heard, so the memory tier is emptied every time the subscription is (re)established.
 */
public final class TieredCacheBackend implements CacheBackend {
    private static final Logger LOG = LoggerFactory.getLogger(TieredCacheBackend.class);
    /** Dirty keys remembered during an outage; past this, the whole namespace is dropped on return. */
    private static final int MAX_DIRTY = 10_000;
    static final String CHANNEL = "cache-invalidation";

    private final InMemoryCacheBackend memory;
    private final RedisCacheBackend redis;
    private final CircuitBreaker breaker;
    private final Duration nearTtl;
    private final String sender = UUID.randomUUID().toString();
    private final RedisSubscriber invalidations;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder memoryHits = new LongAdder();
    private final LongAdder redisHits = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Set<String> dirty = new LinkedHashSet<>();
    private boolean dirtyOverflow;

    /** Memory of {@code maxEntries}, Redis per {@code settings}, breaker opening after 2 failures for 1 s. */
    public TieredCacheBackend(RedisSettings settings, long maxEntries) {
        this(new InMemoryCacheBackend(maxEntries), new RedisCacheBackend(settings),
                new CircuitBreaker(2, Duration.ofSeconds(1)), Duration.ofSeconds(5));
    }

    /**
     * @param nearTtl how long a value read from Redis stays in memory at most (invalidations normally drop it sooner)
     */
    public TieredCacheBackend(InMemoryCacheBackend memory, RedisCacheBackend redis, CircuitBreaker breaker,
                              Duration nearTtl) {
        this.memory = memory;
        this.redis = redis;
        this.breaker = breaker;
        this.nearTtl = nearTtl;
        this.invalidations = new RedisSubscriber(redis.settings(), redis.settings().namespace() + CHANNEL,
                "marcus-cache-invalidation", this::onInvalidation, memory::clear).start();
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Optional<T> near = memory.get(key, type);
        if (near.isPresent()) {
            memoryHits.increment();
            hits.increment();
            return near;
        }
        if (redisUsable()) {
            try {
                Optional<T> far = redis.fetch(key, type);
                breaker.success();
                if (far.isPresent()) {
                    memory.put(key, far.get(), nearTtl);
                    redisHits.increment();
                    hits.increment();
                    return far;
                }
            } catch (RuntimeException e) {
                redisFailed("get", e);
            }
        }
        misses.increment();
        return Optional.empty();
    }

    @Override
    public void put(String key, Object value, Duration ttl) {
        memory.put(key, value, ttl);
        if (redisUsable()) {
            try {
                redis.store(key, value, ttl);
                redis.publish(CHANNEL, message('k', key));
                breaker.success();
                return;
            } catch (RuntimeException e) {
                redisFailed("put", e);
            }
        }
        markDirty(key);
    }

    @Override
    public void invalidate(String key) {
        memory.invalidate(key);
        if (redisUsable()) {
            try {
                redis.delete(key);
                redis.publish(CHANNEL, message('k', key));
                breaker.success();
                return;
            } catch (RuntimeException e) {
                redisFailed("invalidate", e);
            }
        }
        markDirty(key);
    }

    @Override
    public void invalidatePrefix(String prefix) {
        memory.invalidatePrefix(prefix);
        if (redisUsable()) {
            try {
                redis.deletePrefix(prefix);
                redis.publish(CHANNEL, message('p', prefix));
                breaker.success();
                return;
            } catch (RuntimeException e) {
                redisFailed("invalidatePrefix", e);
            }
        }
        synchronized (dirty) {
            dirtyOverflow = true;
        }
    }

    /** Closed breaker: yes. Open and due: this caller probes (and repairs Redis) first. Otherwise no. */
    private boolean redisUsable() {
        if (breaker.allowsCall()) {
            return true;
        }
        if (!breaker.tryProbe()) {
            skipped.increment();
            return false;
        }
        try {
            redis.ping();
            repairAfterOutage();
            breaker.success();
            LOG.info("redis is back; the cache uses it again ({})", redis.describe());
            return true;
        } catch (RuntimeException e) {
            breaker.failure();
            return false;
        }
    }

    /** Deletes from Redis what changed while it was out of the path, and tells other processes to drop it too. */
    private void repairAfterOutage() {
        Set<String> keys;
        boolean all;
        synchronized (dirty) {
            keys = new LinkedHashSet<>(dirty);
            all = dirtyOverflow;
        }
        if (all) {
            redis.deletePrefix("");
            redis.publish(CHANNEL, message('p', ""));
        } else {
            for (String k : keys) {
                redis.delete(k);
                redis.publish(CHANNEL, message('k', k));
            }
        }
        synchronized (dirty) {
            dirty.removeAll(keys);
            if (all) {
                dirtyOverflow = false;
            }
        }
    }

    private void markDirty(String key) {
        synchronized (dirty) {
            if (dirty.size() < MAX_DIRTY) {
                dirty.add(key);
            } else {
                dirtyOverflow = true;
            }
        }
    }

    private void redisFailed(String op, RuntimeException e) {
        CircuitBreaker.State before = breaker.state();
        breaker.failure();
        if (before == CircuitBreaker.State.CLOSED && breaker.state() == CircuitBreaker.State.OPEN) {
            LOG.warn("redis {} failed ({}); the cache goes on in memory alone until redis answers again", op, e.toString());
        }
    }

    private String message(char kind, String key) {
        return sender + ' ' + kind + ' ' + key;
    }

    private void onInvalidation(String message) {
        int a = message.indexOf(' ');
        if (a < 0 || message.length() < a + 3 || message.startsWith(sender + ' ')) {
            return;
        }
        char kind = message.charAt(a + 1);
        String key = message.substring(a + 3);
        if (kind == 'p') {
            memory.invalidatePrefix(key);
        } else {
            memory.invalidate(key);
        }
    }

    /** Reads answered from either tier (hits), or from neither (misses); size is the memory tier's. */
    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), memory.stats().size());
    }

    /** Reads answered by this process's memory. */
    public long memoryHits() {
        return memoryHits.sum();
    }

    /** Reads answered by Redis (the memory tier missed). */
    public long redisHits() {
        return redisHits.sum();
    }

    /** Calls that left Redis out because the breaker was open. */
    public long redisSkipped() {
        return skipped.sum();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** True while Redis is in the path and other processes' invalidations are heard. */
    public boolean sharing() {
        return breaker.state() == CircuitBreaker.State.CLOSED && invalidations.isConnected();
    }

    boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return invalidations.awaitSubscribed(timeout);
    }

    /** Waits until other processes' invalidations are heard; false when Redis did not answer within {@code timeout}. */
    public boolean awaitReady(Duration timeout) {
        try {
            return invalidations.awaitSubscribed(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String describe() {
        return "memory + " + redis.describe() + (breaker.state() == CircuitBreaker.State.CLOSED ? ""
                : " — redis unreachable, memory only until it answers");
    }

    @Override
    public void close() {
        invalidations.close();
        redis.close();
        memory.close();
    }
}
