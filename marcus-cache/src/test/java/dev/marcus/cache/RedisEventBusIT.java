package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.EventBusContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bus contract over Redis; each test gets a tenant (so a channel) of its own, and the peer shares it. */
class RedisEventBusIT extends EventBusContract {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();

    private RedisSettings settings;

    @Override
    protected EventBus newBus() {
        settings = REDIS.freshSettings();
        return new RedisEventBus(settings);
    }

    @Override
    protected EventBus newPeer() {
        return new RedisEventBus(settings);
    }

    @Override
    protected void awaitReady(EventBus peer) throws InterruptedException {
        assertThat(((RedisEventBus) peer).awaitSubscribed(Duration.ofSeconds(5))).isTrue();
        assertThat(((RedisEventBus) bus).awaitSubscribed(Duration.ofSeconds(5))).isTrue();
    }
}
