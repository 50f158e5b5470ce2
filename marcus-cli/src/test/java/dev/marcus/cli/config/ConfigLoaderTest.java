package dev.marcus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path home;

    @Test
    void defaults_putTheDatabaseInHome_andUseTheStandardToolProfile() {
        MarcusConfig c = new ConfigLoader(Map.of("MARCUS_HOME", home.toString())).load(null, Map.of());
        assertThat(c.home()).isEqualTo(home.toAbsolutePath());
        assertThat(c.database()).isEqualTo(home.resolve("marcus.db"));
        assertThat(c.profile()).isEqualTo(MarcusConfig.Profile.SOLO);
        assertThat(c.databaseUrl()).isNull();
        assertThat(c.tools()).isEqualTo("standard");
        assertThat(c.lease().initial()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void environment_overridesTheFile_andFlagsOverrideBoth() throws Exception {
        Files.writeString(home.resolve("config.properties"), "tools=core\nlease.initial_seconds=30\ncache.max_entries=5\n");
        MarcusConfig fileOnly = new ConfigLoader(Map.of()).load(home, Map.of());
        assertThat(fileOnly.tools()).isEqualTo("core");
        assertThat(fileOnly.lease().initial()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fileOnly.cacheMaxEntries()).isEqualTo(5);

        MarcusConfig env = new ConfigLoader(Map.of("MARCUS_TOOLS", "all")).load(home, Map.of());
        assertThat(env.tools()).isEqualTo("all");

        MarcusConfig flag = new ConfigLoader(Map.of("MARCUS_TOOLS", "all")).load(home, Map.of("tools", "standard"));
        assertThat(flag.tools()).isEqualTo("standard");
    }

    @Test
    void homeFlag_winsOverMarcusHome() {
        Path other = home.resolve("other");
        MarcusConfig c = new ConfigLoader(Map.of("MARCUS_HOME", home.toString())).load(other, Map.of());
        assertThat(c.home()).isEqualTo(other);
    }

    @Test
    void badValues_nameTheKeyAndWhereTheyCameFrom() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MARCUS_LEASE_INITIAL_SECONDS", "soon")).load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lease.initial_seconds")
                .hasMessageContaining("MARCUS_LEASE_INITIAL_SECONDS");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MARCUS_TOOLS", "everything")).load(home, Map.of()))
                .hasMessageContaining("tools");
        Files.writeString(home.resolve("config.properties"), "lease.max_seconds=10\nlease.base_seconds=20\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(home, Map.of()))
                .hasMessageContaining("lease.max");
    }

    @Test
    void unknownKeyInTheFile_isRefusedWithTheKnownKeysListed() throws Exception {
        Files.writeString(home.resolve("config.properties"), "leese.initial_seconds=10\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("leese.initial_seconds")
                .hasMessageContaining("lease.initial_seconds");
    }

    @Test
    void environmentNames_followTheKeys() {
        assertThat(ConfigLoader.envName("lease.initial_seconds")).isEqualTo("MARCUS_LEASE_INITIAL_SECONDS");
        assertThat(ConfigLoader.envName("database.path")).isEqualTo("MARCUS_DATABASE_PATH");
    }

    @Test
    void redis_isOffByDefault_andTurnedOnByRedisUrl() {
        assertThat(new ConfigLoader(Map.of()).load(home, Map.of()).redis()).isNull();
        MarcusConfig c = new ConfigLoader(Map.of("REDIS_URL", "redis://127.0.0.1:6379")).load(home, Map.of());
        assertThat(c.redis().url()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.redis().prefix()).isEqualTo("marcus");
        assertThat(c.redis().timeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void marcusRedisUrl_winsOverRedisUrl_andTheFileKeyWorksToo() throws Exception {
        MarcusConfig both = new ConfigLoader(Map.of("REDIS_URL", "redis://a:1", "MARCUS_REDIS_URL", "redis://b:2"))
                .load(home, Map.of());
        assertThat(both.redis().url()).isEqualTo("redis://b:2");
        Files.writeString(home.resolve("config.properties"), "redis.url=redis://c:3/1\nredis.prefix=shop\nredis.timeout_millis=20\n");
        MarcusConfig file = new ConfigLoader(Map.of()).load(home, Map.of());
        assertThat(file.redis().url()).isEqualTo("redis://c:3/1");
        assertThat(file.redis().prefix()).isEqualTo("shop");
        assertThat(file.redis().timeout()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aBadRedisUrl_failsAtStartUpNamingWhereItCameFrom() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("REDIS_URL", "http://127.0.0.1:6379")).load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis://")
                .hasMessageContaining("REDIS_URL");
    }
}
