package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.CacheBackendContract;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TieredCacheBackendIT extends CacheBackendContract {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();

    @Override
    protected CacheBackend newCache() {
        return tiered(REDIS.freshSettings());
    }

    static TieredCacheBackend tiered(RedisSettings settings) {
        TieredCacheBackend t = new TieredCacheBackend(new InMemoryCacheBackend(10_000), new RedisCacheBackend(settings),
                new CircuitBreaker(2, Duration.ofMillis(200)), Duration.ofSeconds(5));
        try {
            assertThat(t.awaitSubscribed(Duration.ofSeconds(5))).as("invalidation channel subscribed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return t;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aValuePutByOneProcess_isReadByAnotherFromRedis() {
        RedisSettings shared = REDIS.freshSettings();
        try (TieredCacheBackend a = tiered(shared); TieredCacheBackend b = tiered(shared)) {
            a.put("k", new Sample("from a", 1), Duration.ofMinutes(1));
            assertThat(b.get("k", Sample.class)).contains(new Sample("from a", 1));
            assertThat(b.redisHits()).isEqualTo(1);
            assertThat(b.get("k", Sample.class)).isPresent();
            assertThat(b.memoryHits()).isEqualTo(1);
        }
    }

    @Test
    void aWriteInOneProcess_dropsTheMemoryCopyInTheOthers() throws InterruptedException {
        RedisSettings shared = REDIS.freshSettings();
        try (TieredCacheBackend a = tiered(shared); TieredCacheBackend b = tiered(shared)) {
            a.put("k", new Sample("v1", 1), Duration.ofMinutes(1));
            assertThat(b.get("k", Sample.class)).contains(new Sample("v1", 1)); // now in b's memory too
            a.put("k", new Sample("v2", 2), Duration.ofMinutes(1));
            await(() -> b.get("k", Sample.class).equals(java.util.Optional.of(new Sample("v2", 2))), "b sees v2");
            a.invalidate("k");
            await(() -> b.get("k", Sample.class).isEmpty(), "b forgets k");
        }
    }

    @Test
    void deadRedis_fallsBackToMemoryWithoutWaiting_andIsUsedAgainWhenBack() throws Exception {
        try (ThrowawayRedis server = ThrowawayRedis.start();
             TieredCacheBackend cache = tiered(RedisSettings.of(server.url(), "outage"))) {
            cache.put("before", new Sample("b", 1), Duration.ofMinutes(1));
            server.kill();

            long worst = 0;
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                cache.put("k" + i, new Sample("during", i), Duration.ofMinutes(1));
                assertThat(cache.get("k" + i, Sample.class)).contains(new Sample("during", i));
                worst = Math.max(worst, System.nanoTime() - t0);
            }
            assertThat(cache.breaker().state()).isNotEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(cache.redisSkipped()).isGreaterThan(150);
            // a call waits on a dead Redis at most about its timeout (50 ms); generous bound for a busy machine
            assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(1_000));

            server.startAgain();
            long redisHitsBefore = cache.redisHits();
            try (TieredCacheBackend other = tiered(RedisSettings.of(server.url(), "outage"))) {
                await(() -> {
                    cache.put("after", new Sample("a", 2), Duration.ofMinutes(1));
                    return cache.breaker().state() == CircuitBreaker.State.CLOSED;
                }, "breaker closes after redis is back");
                other.put("shared", new Sample("s", 3), Duration.ofMinutes(1));
                assertThat(cache.get("shared", Sample.class)).contains(new Sample("s", 3));
                assertThat(cache.redisHits()).isGreaterThan(redisHitsBefore);
            }
        }
    }

    @Test
    void hungRedis_costsACallAtMostAboutTheTimeout() throws Exception {
        try (ThrowawayRedis server = ThrowawayRedis.start();
             TieredCacheBackend cache = tiered(RedisSettings.of(server.url(), "hung"))) {
            cache.put("k", new Sample("v", 1), Duration.ofMinutes(1));
            server.pause();
            try {
                long worst = 0;
                for (int i = 0; i < 50; i++) {
                    long t0 = System.nanoTime();
                    cache.get("missing" + i, Sample.class);
                    worst = Math.max(worst, System.nanoTime() - t0);
                }
                assertThat(cache.breaker().timesOpened()).isPositive();
                assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(1_000));
            } finally {
                server.resume();
            }
        }
    }

    @Test
    void changesMadeDuringAnOutage_areDroppedFromRedisWhenItReturns() throws Exception {
        try (ThrowawayRedis server = ThrowawayRedis.start()) {
            RedisSettings s = RedisSettings.of(server.url(), "repair");
            try (TieredCacheBackend a = tiered(s)) {
                a.put("k", new Sample("old", 1), Duration.ofMinutes(1));
                server.pause(); // Redis keeps its data but stops answering
                for (int i = 0; i < 5; i++) {
                    a.put("k", new Sample("new", 2), Duration.ofMinutes(1));
                }
                assertThat(a.breaker().state()).isNotEqualTo(CircuitBreaker.State.CLOSED);
                server.resume();
                await(() -> {
                    a.get("probe", Sample.class);
                    return a.breaker().state() == CircuitBreaker.State.CLOSED;
                }, "breaker closes");
                try (RedisCacheBackend direct = new RedisCacheBackend(s)) {
                    assertThat(direct.get("k", Sample.class)).as("stale 'old' no longer in redis").isEmpty();
                }
            }
        }
    }
}
