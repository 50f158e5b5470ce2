package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.CacheBackendContract;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.cache.ProjectViewCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCacheBackendIT extends CacheBackendContract {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();

    @Override
    protected CacheBackend newCache() {
        return new RedisCacheBackend(REDIS.freshSettings());
    }

    static final Instant T = Instant.parse("2026-11-30T07:00:00.123456Z");
    static final Project PROJECT = new Project(new ProjectId("proj-1"), "Shop", "desc ü", null, T, T, null);

    @Test
    void theCachedRecordsOfTheCore_roundTripThroughJson() {
        var status = new ProjectService.ProjectStatus(PROJECT, new TaskCounts(1, 2, 3, 4), 5, 2);
        var agents = new AgentService.AgentList(List.of(
                new Agent(new AgentId("a1"), PROJECT.id(), "A1", "dev", List.of("java", "sql"), new TaskId("task-9"), 3, T, T),
                new Agent(new AgentId("a2"), PROJECT.id(), "A2", "qa", List.of(), null, 0, T, T.plusSeconds(5))));
        var generation = new ProjectViewCache.Generation("abc123");
        cache.put("status", status, Duration.ofMinutes(1));
        cache.put("agents", agents, Duration.ofMinutes(1));
        cache.put("gen", generation, Duration.ofMinutes(1));
        cache.put("text", "plain string", Duration.ofMinutes(1));
        assertThat(cache.get("status", ProjectService.ProjectStatus.class)).contains(status);
        assertThat(cache.get("agents", AgentService.AgentList.class)).contains(agents);
        assertThat(cache.get("gen", ProjectViewCache.Generation.class)).contains(generation);
        assertThat(cache.get("text", String.class)).contains("plain string");
    }

    @Test
    void tenants_doNotSeeEachOthersKeys() {
        try (RedisCacheBackend other = new RedisCacheBackend(REDIS.freshSettings())) {
            cache.put("k", new Sample("mine", 1), Duration.ofMinutes(1));
            assertThat(other.get("k", Sample.class)).isEmpty();
            other.invalidatePrefix("");
            assertThat(cache.get("k", Sample.class)).isPresent();
        }
    }

    @Test
    void invalidatePrefix_treatsGlobCharactersLiterally() {
        cache.put("a*:1", new Sample("x", 1), Duration.ofMinutes(1));
        cache.put("ab:1", new Sample("y", 2), Duration.ofMinutes(1));
        cache.invalidatePrefix("a*");
        assertThat(cache.get("a*:1", Sample.class)).isEmpty();
        assertThat(cache.get("ab:1", Sample.class)).isPresent();
    }

    @Test
    void aValueOfAnotherType_isAMissNotAnError() {
        cache.put("k", new Sample("x", 1), Duration.ofMinutes(1));
        assertThat(cache.get("k", Integer.class)).isEmpty();
        assertThat(((RedisCacheBackend) cache).errors()).isZero();
    }

    @Test
    void describe_namesTheUrlAndNamespace_withoutThePassword() {
        var s = new RedisSettings(java.net.URI.create("redis://user:secret@127.0.0.1:6379/2"), "inst", "t1",
                Duration.ofMillis(50), 4);
        assertThat(s.describe()).doesNotContain("secret").contains("127.0.0.1:6379");
        assertThat(s.namespace()).isEqualTo("inst:t1:");
    }
}
