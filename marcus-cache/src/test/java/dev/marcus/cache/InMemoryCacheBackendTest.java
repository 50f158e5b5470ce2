package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.CacheBackendContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryCacheBackendTest extends CacheBackendContract {

    @Override
    protected CacheBackend newCache() {
        return new InMemoryCacheBackend(10_000);
    }

    @Test
    void sizeBound_evictsOldEntries() {
        try (InMemoryCacheBackend small = new InMemoryCacheBackend(10)) {
            for (int i = 0; i < 500; i++) {
                small.put("k" + i, "v" + i, Duration.ofMinutes(1));
            }
            assertThat(small.stats().size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void nonPositiveSize_isRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> new InMemoryCacheBackend(0)).hasMessageContaining("cache.max_entries");
    }
}
