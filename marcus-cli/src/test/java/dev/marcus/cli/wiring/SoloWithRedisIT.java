package dev.marcus.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cache.RedisEventBus;
import dev.marcus.cache.RedisTestServer;
import dev.marcus.cache.TieredCacheBackend;
import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.core.port.FeatureFlags.Feature;
import dev.marcus.core.service.ProjectService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The solo profile with Redis configured: tiered cache, Redis bus, flags that say so, and {@code marcus status}. */
class SoloWithRedisIT {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();

    @TempDir
    Path home;

    private void configure() throws Exception {
        Files.writeString(home.resolve("config.properties"),
                "redis.url=" + REDIS.url() + "\nredis.prefix=" + REDIS.settings().installation() + "\n");
    }

    @Test
    void redisUrl_turnsOnTheTieredCacheTheRedisBusAndTheirFlags() throws Exception {
        configure();
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        try {
            assertThat(graph.cache()).isInstanceOf(TieredCacheBackend.class);
            assertThat(graph.eventBus()).isInstanceOf(RedisEventBus.class);
            assertThat(graph.features().isEnabled(Feature.REALTIME_ACROSS_PROCESSES)).isTrue();
            assertThat(graph.features().isEnabled(Feature.SHARED_CACHE)).isTrue();
            assertThat(graph.features().isEnabled(Feature.BACKGROUND_JOBS)).isFalse();

            var created = graph.projects().create("Shop", "- Schema\n- API (after Schema)", ProjectService.CreateOptions.NONE);
            String project = created.project().id().value();
            assertThat(graph.projects().status(project).workersTotal()).isZero();
            graph.agents().register("a1", "A1", "dev", List.of(), project);
            assertThat(graph.projects().status(project).workersTotal()).as("read-your-writes through Redis").isEqualTo(1);
            assertThat(graph.agents().list(project)).hasSize(1);
        } finally {
            graph.shutdown();
        }
    }

    @Test
    void withoutRedis_theSoloProfileStaysInMemoryAndInProcess() {
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        try {
            assertThat(graph.cache().describe()).isEqualTo("memory");
            assertThat(graph.eventBus().describe()).isEqualTo("in-process");
            assertThat(graph.features().all()).doesNotContainValue(true);
        } finally {
            graph.shutdown();
        }
    }

    @Test
    void status_showsRedisInUseAndTheFeaturesItTurnsOn() throws Exception {
        configure();
        StringWriter out = new StringWriter();
        CommandLine cl = MarcusCommand.commandLine(System.out);
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute("--home", home.toString(), "status");
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("cache     memory + redis " + REDIS.url())
                .contains("events    redis pub/sub " + REDIS.url())
                .contains("realtime_across_processes on")
                .contains("shared_cache on")
                .contains("background_jobs off");
    }
}
