package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CacheBackend} must do. Subclasses supply a fresh, empty cache. */
public abstract class CacheBackendContract {
    protected CacheBackend cache;

    protected abstract CacheBackend newCache();

    /** Lets time pass for TTL tests; backends with real-time expiry just sleep. */
    protected void pass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @BeforeEach
    void open() {
        cache = newCache();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    public record Sample(String name, int count) {
    }

    @Test
    void put_thenGet_returnsTheValue() {
        cache.put("k", new Sample("a", 1), Duration.ofMinutes(1));
        assertThat(cache.get("k", Sample.class)).contains(new Sample("a", 1));
    }

    @Test
    void get_ofUnknownKey_isEmptyAndCountsAMiss() {
        assertThat(cache.get("nope", Sample.class)).isEmpty();
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().hits()).isZero();
    }

    @Test
    void hitsAreCounted() {
        cache.put("k", new Sample("a", 1), Duration.ofMinutes(1));
        cache.get("k", Sample.class);
        cache.get("k", Sample.class);
        assertThat(cache.stats().hits()).isEqualTo(2);
    }

    @Test
    void entries_expireAfterTheirTtl() throws InterruptedException {
        cache.put("short", new Sample("s", 1), Duration.ofMillis(150));
        cache.put("long", new Sample("l", 2), Duration.ofMinutes(5));
        pass(Duration.ofMillis(400));
        assertThat(cache.get("short", Sample.class)).isEmpty();
        assertThat(cache.get("long", Sample.class)).isPresent();
    }

    @Test
    void invalidate_removesOneKey() {
        cache.put("a", new Sample("a", 1), Duration.ofMinutes(1));
        cache.put("b", new Sample("b", 2), Duration.ofMinutes(1));
        cache.invalidate("a");
        assertThat(cache.get("a", Sample.class)).isEmpty();
        assertThat(cache.get("b", Sample.class)).isPresent();
    }

    @Test
    void invalidatePrefix_removesOnlyMatchingKeys() {
        cache.put("project:1:status", new Sample("x", 1), Duration.ofMinutes(1));
        cache.put("project:1:board", new Sample("y", 2), Duration.ofMinutes(1));
        cache.put("project:2:status", new Sample("z", 3), Duration.ofMinutes(1));
        cache.invalidatePrefix("project:1:");
        assertThat(cache.get("project:1:status", Sample.class)).isEmpty();
        assertThat(cache.get("project:1:board", Sample.class)).isEmpty();
        assertThat(cache.get("project:2:status", Sample.class)).contains(new Sample("z", 3));
    }

    @Test
    void getOrCompute_computesOnceThenServesTheCachedValue() {
        int[] calls = {0};
        Sample first = cache.getOrCompute("k", Sample.class, Duration.ofMinutes(1), () -> new Sample("c", ++calls[0]));
        Sample second = cache.getOrCompute("k", Sample.class, Duration.ofMinutes(1), () -> new Sample("c", ++calls[0]));
        assertThat(first).isEqualTo(second);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void put_overwritesTheOldValue() {
        cache.put("k", new Sample("old", 1), Duration.ofMinutes(1));
        cache.put("k", new Sample("new", 2), Duration.ofMinutes(1));
        assertThat(cache.get("k", Sample.class)).contains(new Sample("new", 2));
    }

    @Test
    void concurrentUse_losesNoWrites() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        cache.put("t" + thread + ":" + i, new Sample("v", i), Duration.ofMinutes(1));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 8; t++) {
            assertThat(cache.get("t" + t + ":199", Sample.class)).contains(new Sample("v", 199));
        }
    }
}
